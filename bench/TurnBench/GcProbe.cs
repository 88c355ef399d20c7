using System.Globalization;

namespace LearningBot.Bench.TurnBench;

/// <summary>One reading of the figures <c>StartupHook</c> writes inside the system under test.</summary>
internal sealed record GcReading(long AllocatedBytes, int Gen0, int Gen1, int Gen2, TimeSpan Paused)
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
                TimeSpan.FromTicks(long.Parse(parts[4], CultureInfo.InvariantCulture)));
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
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
