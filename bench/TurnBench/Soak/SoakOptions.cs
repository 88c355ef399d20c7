using System.Globalization;

namespace LearningBot.Bench.TurnBench.Soak;

/// <summary>What one soak turn is.</summary>
internal enum SoakKind
{
    /// <summary>A question answered from the knowledge base (the texts file, in turn), with a card through the connector.</summary>
    Ask,

    /// <summary>Saving a Five Minute Review step (Next and Back in turn), answered in the invoke's response.</summary>
    ReviewStep,

    /// <summary>Rating an answer asked during set-up, answered in the invoke's response.</summary>
    Rate,

    /// <summary>The <c>help</c> command, with a card through the connector.</summary>
    Help,
}

/// <summary>Settings of a soak: open-loop load at a fixed arrival rate with a delivery running.</summary>
internal sealed record SoakOptions(
    Uri Target,
    double Rate,
    double Minutes,
    double WarmupMinutes,
    IReadOnlyList<(SoakKind Kind, int Weight)> Mix,
    int Users,
    IReadOnlyList<string> Questions,
    TimeSpan ReplyTimeout,
    int? Pid,
    int? AuxPid,
    string? GcFile,
    string? MemFile,
    string? JsonOut,
    string? TableOut,
    int Recipients,
    int DeliveryPort,
    string DeliveryTenant,
    TimeSpan Drain,
    TimeSpan Window)
{
    public const string Usage = """
        TurnBench soak --target URL --texts-file FILE [--rate 30] [--minutes 30] [--warmup-minutes 2]
                       [--mix ask:60,review-step:20,rate:10,help:10] [--users 32] [--timeout-ms 10000]
                       [--recipients 2000 --delivery-port PORT --delivery-tenant ID] [--drain-seconds 180]
                       [--pid PID] [--aux-pid PID] [--gc-file FILE] [--mem-file FILE] [--json FILE] [--table FILE]
                       [--window-seconds 60]
            (open loop: turns start at the fixed rate whatever the bot's latency; the press kinds need the bench
             people, and the delivery a bot whose Delivery:Reach points at the delivery port: use bench/soak.sh)
        """;

    public static SoakOptions Parse(IReadOnlyList<string> args)
    {
        var values = BenchOptions.ReadPairs(args, Usage);

        string? Get(string key) => values.GetValueOrDefault(key);
        int GetInt(string key, int fallback) =>
            Get(key) is { } v ? int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;
        double GetDouble(string key, double fallback) =>
            Get(key) is { } v ? double.Parse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) : fallback;

        var recipients = GetInt("recipients", 2000);
        var options = new SoakOptions(
            Target: new Uri(Get("target") ?? throw new ArgumentException($"--target is required.\n{Usage}"), UriKind.Absolute),
            Rate: GetDouble("rate", 30),
            Minutes: GetDouble("minutes", 30),
            WarmupMinutes: GetDouble("warmup-minutes", 2),
            Mix: ParseMix(Get("mix") ?? "ask:60,review-step:20,rate:10,help:10"),
            Users: GetInt("users", 32),
            Questions: ReadTexts(Get("texts-file") ?? throw new ArgumentException($"--texts-file is required (the ask questions).\n{Usage}")),
            ReplyTimeout: TimeSpan.FromMilliseconds(GetInt("timeout-ms", 10_000)),
            Pid: Get("pid") is null ? null : GetInt("pid", 0),
            AuxPid: Get("aux-pid") is null ? null : GetInt("aux-pid", 0),
            GcFile: Get("gc-file"),
            MemFile: Get("mem-file"),
            JsonOut: Get("json"),
            TableOut: Get("table"),
            Recipients: recipients,
            DeliveryPort: recipients == 0 ? 0 : GetInt("delivery-port", 0),
            DeliveryTenant: Get("delivery-tenant") ?? "",
            Drain: TimeSpan.FromSeconds(GetInt("drain-seconds", 180)),
            Window: TimeSpan.FromSeconds(GetInt("window-seconds", 60)));

        if (options.Rate is <= 0 or > 10_000 || options.Minutes <= 0 || options.WarmupMinutes < 0 || options.Users < 1 || options.Window <= TimeSpan.Zero)
        {
            throw new ArgumentException("--rate, --minutes, --users and --window-seconds must be positive, --warmup-minutes not negative.");
        }

        var warmupWindows = options.WarmupMinutes * 60 / options.Window.TotalSeconds;
        if (Math.Abs(warmupWindows - Math.Round(warmupWindows)) > 1e-9)
        {
            throw new ArgumentException("--warmup-minutes must be a whole number of windows (--window-seconds, 60 by default), so that no window mixes warm-up and measured turns.");
        }

        if (options.Recipients < 0 || (options.Recipients > 0 && (options.DeliveryPort == 0 || options.DeliveryTenant.Length == 0)))
        {
            throw new ArgumentException("A delivery (--recipients > 0) needs --delivery-port and --delivery-tenant, the bot's Delivery:Reach.");
        }

        return options;
    }

    /// <summary><c>kind:weight,…</c>; weights are relative (they need not add up to 100).</summary>
    public static IReadOnlyList<(SoakKind Kind, int Weight)> ParseMix(string text)
    {
        var mix = new List<(SoakKind, int)>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0 || !int.TryParse(part.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var weight))
            {
                throw new ArgumentException($"--mix: '{part}' is not kind:weight.");
            }

            var kind = part[..colon] switch
            {
                "ask" => SoakKind.Ask,
                "review-step" => SoakKind.ReviewStep,
                "rate" => SoakKind.Rate,
                "help" => SoakKind.Help,
                var other => throw new ArgumentException($"--mix: unknown kind '{other}' (ask, review-step, rate, help)."),
            };
            if (weight > 0)
            {
                mix.Add((kind, weight));
            }
        }

        return mix.Count > 0 ? mix : throw new ArgumentException("--mix gives no kind a weight.");
    }

    public static string Name(SoakKind kind) => kind switch
    {
        SoakKind.Ask => "ask",
        SoakKind.ReviewStep => "review-step",
        SoakKind.Rate => "rate",
        _ => "help",
    };

    public double Share(SoakKind kind) => (double)Mix.Where(m => m.Kind == kind).Sum(m => m.Weight) / Mix.Sum(m => m.Weight);

    private static string[] ReadTexts(string file)
    {
        var texts = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        return texts.Length > 0 ? texts : throw new ArgumentException($"{file} has no messages.");
    }
}
