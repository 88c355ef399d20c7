using System.Globalization;

namespace LearningBot.Bench.TurnBench;

/// <summary>Settings of one measured run against one system.</summary>
internal sealed record BenchOptions(
    string Name,
    Uri Target,
    int Turns,
    int Users,
    int Warmup,
    IReadOnlyList<string> Texts,
    TimeSpan ReplyTimeout,
    int? Pid,
    int? AuxPid,
    bool ExpectCard,
    string? GcFile,
    string? JsonOut,
    TurnKind Kind = TurnKind.Message,
    bool BenchPeople = false)
{
    public const string Usage = """
        TurnBench run --target URL [--name NAME] [--turns 3000] [--users 16] [--warmup 500]
                      [--text help | --texts-file FILE] [--timeout-ms 10000] [--pid PID] [--aux-pid PID] [--expect-card true] [--gc-file FILE] [--json FILE]
                      [--kind message | rate | signal | review-step] [--bench-people true]
            (--kind: what a measured turn is; rate, signal and review-step press Action.Execute buttons and need
             --bench-people true with a bot that knows the bench's people, see bench/README.md)
        TurnBench report [--goal PEER:MIN_RATIO[:MAX_P99_RATIO]]... FILE...
            (result files; the first file's system is compared with the others; several
             rounds of one system are summarised by the round with the median turns/s)
        """;

    /// <summary>The command line's <c>--name value</c> pairs; anything else is refused with the usage.</summary>
    internal static Dictionary<string, string> ReadPairs(IReadOnlyList<string> args, string usage)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.\n{usage}");
            }

            values[args[i][2..]] = args[++i];
        }

        return values;
    }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var values = ReadPairs(args, Usage);

        string? Get(string key) => values.GetValueOrDefault(key);
        int GetInt(string key, int fallback) =>
            Get(key) is { } v ? int.Parse(v, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

        var target = Get("target") ?? throw new ArgumentException($"--target is required.\n{Usage}");
        var options = new BenchOptions(
            Name: Get("name") ?? target,
            Target: new Uri(target, UriKind.Absolute),
            Turns: GetInt("turns", 3000),
            Users: GetInt("users", 16),
            Warmup: GetInt("warmup", 500),
            Texts: Get("texts-file") is { } file ? ReadTexts(file) : [Get("text") ?? "help"],
            ReplyTimeout: TimeSpan.FromMilliseconds(GetInt("timeout-ms", 10_000)),
            Pid: Get("pid") is null ? null : GetInt("pid", 0),
            AuxPid: Get("aux-pid") is null ? null : GetInt("aux-pid", 0),
            ExpectCard: Get("expect-card") is "true",
            GcFile: Get("gc-file"),
            JsonOut: Get("json"),
            Kind: Get("kind") switch
            {
                null or "message" => TurnKind.Message,
                "rate" => TurnKind.Rate,
                "signal" => TurnKind.Signal,
                "review-step" => TurnKind.ReviewStep,
                var other => throw new ArgumentException($"Unknown --kind '{other}'.\n{Usage}"),
            },
            BenchPeople: Get("bench-people") is "true");

        if (options.Turns < 1 || options.Users < 1 || options.Warmup < 0)
        {
            throw new ArgumentException("--turns and --users must be positive, --warmup not negative.");
        }

        if (options.Kind is TurnKind.Signal or TurnKind.ReviewStep && !options.BenchPeople)
        {
            throw new ArgumentException("--kind signal and review-step need --bench-people true (liaison staff and managers the bot knows).");
        }

        return options;
    }

    /// <summary>One message per line; blank lines and lines starting with # are skipped.</summary>
    private static string[] ReadTexts(string file)
    {
        var texts = File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();
        return texts.Length > 0 ? texts : throw new ArgumentException($"{file} has no messages.");
    }
}

/// <summary>What one measured turn is.</summary>
internal enum TurnKind
{
    /// <summary>A message (the texts in turn) answered with a card through the connector.</summary>
    Message,

    /// <summary>Rating an answer (<c>ask.rate</c>, Action.Execute); each turn rates a question the user asked during set-up.</summary>
    Rate,

    /// <summary>Logging a feedback signal (<c>signal.log</c>) from a form the user opened during set-up.</summary>
    Signal,

    /// <summary>Saving a Five Minute Review step (<c>review.next</c> and <c>review.back</c> in turn, each writing the draft at its ETag).</summary>
    ReviewStep,
}
