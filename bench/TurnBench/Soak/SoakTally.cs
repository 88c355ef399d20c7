using System.Globalization;

namespace LearningBot.Bench.TurnBench.Soak;

/// <summary>How one soak turn ended.</summary>
internal enum TurnEnd
{
    Answered,

    /// <summary>No reply within the timeout (or the post itself timed out).</summary>
    Lost,

    /// <summary>A non-2xx answer.</summary>
    HttpError,

    /// <summary>The connection failed.</summary>
    Transport,

    /// <summary>The reply was not the card the turn should give.</summary>
    WrongReply,

    /// <summary>A message's reply without a card: the bot's apology when a turn fails (its log says why).</summary>
    NoCard,

    /// <summary>A press answered with a message instead of a card: the bot's apology when a turn fails (its log says why).</summary>
    Apology,

    /// <summary>The turn could not start: every reviewer was still waiting for their last step, or a rater had no answer left to rate.</summary>
    NoUserFree,
}

/// <summary>The turns of one window, by kind; thread-safe.</summary>
internal sealed class SoakTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<SoakKind, List<double>> _latencies = [];
    private readonly Dictionary<(SoakKind, TurnEnd), int> _ends = [];

    public void Add(SoakKind kind, TurnEnd end, double latencyMs)
    {
        lock (_gate)
        {
            _ends[(kind, end)] = _ends.GetValueOrDefault((kind, end)) + 1;
            if (end == TurnEnd.Answered)
            {
                if (!_latencies.TryGetValue(kind, out var list))
                {
                    list = [];
                    _latencies[kind] = list;
                }

                list.Add(latencyMs);
            }
        }
    }

    public int Turns(SoakKind? kind = null)
    {
        lock (_gate)
        {
            return _ends.Where(e => kind is null || e.Key.Item1 == kind).Sum(e => e.Value);
        }
    }

    public int Count(TurnEnd end, SoakKind? kind = null)
    {
        lock (_gate)
        {
            return _ends.Where(e => e.Key.Item2 == end && (kind is null || e.Key.Item1 == kind)).Sum(e => e.Value);
        }
    }

    /// <summary>Errors: every end but answered and lost.</summary>
    public int Errors(SoakKind? kind = null) => Turns(kind) - Count(TurnEnd.Answered, kind) - Count(TurnEnd.Lost, kind);

    public double[] Latencies(SoakKind? kind = null)
    {
        lock (_gate)
        {
            return [.. _latencies.Where(l => kind is null || l.Key == kind).SelectMany(l => l.Value)];
        }
    }

    /// <summary>Errors by cause and kind (<c>review-step: wrong reply</c>), for the report.</summary>
    public static Dictionary<string, int> ErrorsByCause(IEnumerable<SoakTally> tallies)
    {
        var causes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var tally in tallies)
        {
            lock (tally._gate)
            {
                foreach (var ((kind, end), count) in tally._ends.Where(e => e.Key.Item2 is not (TurnEnd.Answered or TurnEnd.Lost)))
                {
                    var key = string.Create(CultureInfo.InvariantCulture, $"{SoakOptions.Name(kind)}: {Describe(end)}");
                    causes[key] = causes.GetValueOrDefault(key) + count;
                }
            }
        }

        return causes;
    }

    private static string Describe(TurnEnd end) => end switch
    {
        TurnEnd.HttpError => "non-2xx answer",
        TurnEnd.Transport => "connection failed",
        TurnEnd.WrongReply => "wrong card",
        TurnEnd.NoCard => "reply without a card (the bot's apology)",
        TurnEnd.Apology => "the bot's apology",
        TurnEnd.NoUserFree => "no user free",
        _ => end.ToString(),
    };
}

/// <summary>
/// A deterministic mix: each kind comes up in proportion to its weight, spread evenly (smooth weighted round robin:
/// with 60/20/10/10 every ten turns hold six asks, two review steps, one rating and one help).
/// </summary>
internal sealed class MixSequence(IReadOnlyList<(SoakKind Kind, int Weight)> mix)
{
    private readonly int[] _credit = new int[mix.Count];
    private readonly int _total = mix.Sum(m => m.Weight);

    public SoakKind Next()
    {
        var best = 0;
        for (var i = 0; i < mix.Count; i++)
        {
            _credit[i] += mix[i].Weight;
            if (_credit[i] > _credit[best])
            {
                best = i;
            }
        }

        _credit[best] -= _total;
        return mix[best].Kind;
    }
}

/// <summary>One once-a-second reading of the bot: resident set, GC heap (from the probe's memory file), CPU, and the sinks' counters.</summary>
internal sealed record SoakSample(
    double Seconds,
    double? RssMb,
    double? HeapAfterGcMb,
    long GcIndex,
    double? Gen2HeapMb,
    double? Gen2LiveMb,
    long Gen2Index,
    int? Gen2Count,
    TimeSpan? Cpu,
    TimeSpan? AuxCpu,
    long Unmatched,
    long Delivered)
{
    /// <summary>
    /// The probe's memory line: heap after the last GC, its index, heap after the last gen2, its index, committed bytes,
    /// gen2 count, and the free space in the heap after that gen2 (the live heap is the gen2 heap less it).
    /// </summary>
    public static (double? HeapMb, long Index, double? Gen2HeapMb, double? Gen2LiveMb, long Gen2Index, int? Gen2Count) ReadMemory(string? path)
    {
        if (path is null)
        {
            return (null, 0, null, null, 0, null);
        }

        try
        {
            var parts = File.ReadAllText(path).Split(' ');
            var gen2Index = long.Parse(parts[3], CultureInfo.InvariantCulture);
            var gen2Heap = long.Parse(parts[2], CultureInfo.InvariantCulture);
            long? gen2Free = parts.Length > 6 ? long.Parse(parts[6], CultureInfo.InvariantCulture) : null;
            return (
                long.Parse(parts[0], CultureInfo.InvariantCulture) / 1048576.0,
                long.Parse(parts[1], CultureInfo.InvariantCulture),
                gen2Index == 0 ? null : gen2Heap / 1048576.0,
                gen2Index == 0 || gen2Free is not { } free ? null : (gen2Heap - free) / 1048576.0,
                gen2Index,
                int.Parse(parts[5], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return (null, 0, null, null, 0, null);
        }
    }
}
