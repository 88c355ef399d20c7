using System.Globalization;

/// <summary>
/// Loaded into a .NET system under test with <c>DOTNET_STARTUP_HOOKS=.../TurnBench.dll</c> and
/// <c>TURNBENCH_GC_FILE=path</c>: every 20 ms it writes the process's allocated bytes, GC counts and
/// GC pause time to that file, so TurnBench can report allocations and GCs per measured turn
/// without touching the system's code. It lives outside any namespace, as the runtime requires.
/// </summary>
#pragma warning disable CA1050 // The runtime looks the hook up by this exact, namespace-less name.
internal static class StartupHook
#pragma warning restore CA1050
{
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("TURNBENCH_GC_FILE") is not { Length: > 0 } path)
        {
            return;
        }

        var writer = new Thread(() => WriteForever(path)) { IsBackground = true, Name = "TurnBench GC probe" };
        writer.Start();
    }

    private static void WriteForever(string path)
    {
        var scratch = path + ".tmp";
        while (true)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{GC.GetTotalAllocatedBytes(false)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().Ticks}");
            File.WriteAllText(scratch, line);
            File.Move(scratch, path, overwrite: true);
            Thread.Sleep(20);
        }
    }
}
