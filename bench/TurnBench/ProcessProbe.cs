using System.Globalization;

namespace LearningBot.Bench.TurnBench;

/// <summary>Reads a process's memory high-water mark and CPU time from <c>/proc</c> (Linux).</summary>
internal static class ProcessProbe
{
    // USER_HZ is 100 on every Linux the project runs on (x86-64 and arm64 kernels fix it there).
    private const double TicksPerSecond = 100;

    /// <summary>VmHWM in MiB: the peak resident set since the process started.</summary>
    public static double? PeakRssMb(int pid) => StatusKb(pid, "VmHWM:") / 1024.0;

    public static double? RssMb(int pid) => StatusKb(pid, "VmRSS:") / 1024.0;

    /// <summary>User plus system CPU time the process has used so far.</summary>
    public static TimeSpan? CpuTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; fields after it start past the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? StatusKb(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return null;
    }
}
