using System.Globalization;

namespace LearningBot.Bench.TurnBench;

/// <summary>
/// One reading of the figures <c>StartupHook</c> writes inside the system under test. <see cref="StorageCalls"/> is
/// null when the system records no storage calls (the floor), else the calls so far by <c>kind:name:METHOD</c>
/// (<c>table:InboundActivities:POST</c>).
/// </summary>
internal sealed record GcReading(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused, IReadOnlyDictionary<string, long>? StorageCalls)
{
    public static GcReading? Read(string? path)
    {
        if (path is null)
        {
            return null;
        }

        try
        {
            var parts = File.ReadAllText(path).Split(' ');
            return new GcReading(
                long.Parse(parts[0], CultureInfo.InvariantCulture),
                int.Parse(parts[1], CultureInfo.InvariantCulture),
                int.Parse(parts[2], CultureInfo.InvariantCulture),
                int.Parse(parts[3], CultureInfo.InvariantCulture),
                TimeSpan.FromTicks(long.Parse(parts[4], CultureInfo.InvariantCulture)),
                parts.Length > 5 && parts[5] == "storage" ? ReadCalls(parts.AsSpan(6)) : null);
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static Dictionary<string, long> ReadCalls(ReadOnlySpan<string> counts)
    {
        var calls = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var count in counts)
        {
            var equals = count.LastIndexOf('=');
            calls[count[..equals]] = long.Parse(count.AsSpan(equals + 1), CultureInfo.InvariantCulture);
        }

        return calls;
    }

    /// <summary>Storage calls between two readings, per turn, by <c>kind:name:METHOD</c>; null when not recorded.</summary>
    public static IReadOnlyDictionary<string, double>? StorageCallsPerTurn(GcReading? before, GcReading? after, int turns)
    {
        if (before?.StorageCalls is not { } first || after?.StorageCalls is not { } last)
        {
            return null;
        }

        return last
            .Select(kv => (kv.Key, Calls: kv.Value - first.GetValueOrDefault(kv.Key)))
            .Where(entry => entry.Calls > 0)
            .OrderBy(entry => entry.Key, StringComparer.Ordinal)
            .ToDictionary(entry => entry.Key, entry => (double)entry.Calls / turns, StringComparer.Ordinal);
    }

    /// <summary>Waits past the probe's write interval so the reading covers everything done so far.</summary>
    public static async Task<GcReading?> SettledAsync(string? path)
    {
        if (path is null)
        {
            return null;
        }

        await Task.Delay(60);
        return Read(path);
    }
}
