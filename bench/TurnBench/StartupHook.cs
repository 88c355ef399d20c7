using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

/// <summary>
/// Loaded into a .NET system under test with <c>DOTNET_STARTUP_HOOKS=.../TurnBench.dll</c> and
/// <c>TURNBENCH_GC_FILE=path</c>: every 20 ms it writes the process's allocated bytes, GC counts and
/// GC pause time to that file, so TurnBench can report allocations and GCs per measured turn
/// without touching the system's code. In LearningBot it also counts storage round trips: it listens to the bot's
/// <c>learningbot.storage.duration</c> measurements (one per table or queue call, which the bot records for the
/// price of the request path's string) and writes a count per table or queue and HTTP method. It lives outside any namespace, as the runtime
/// requires.
/// </summary>
#pragma warning disable CA1050 // The runtime looks the hook up by this exact, namespace-less name.
internal static class StartupHook
#pragma warning restore CA1050
{
    private const string BotMeter = "LearningBot";
    private const string StorageInstrument = "learningbot.storage.duration";

    private static readonly ConcurrentDictionary<(string Kind, string Name, string Method), StrongBox<long>> StorageCalls = new();
    private static volatile bool s_storageObserved;

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("TURNBENCH_GC_FILE") is not { Length: > 0 } path)
        {
            return;
        }

        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == BotMeter && instrument.Name == StorageInstrument)
                {
                    s_storageObserved = true;
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>(CountStorageCall);
        listener.Start();

        var writer = new Thread(() => WriteForever(path)) { IsBackground = true, Name = "TurnBench GC probe" };
        writer.Start();

        if (Environment.GetEnvironmentVariable("TURNBENCH_STORAGE_FILE") is { Length: > 0 } storagePath)
        {
            var seconds = int.TryParse(Environment.GetEnvironmentVariable("TURNBENCH_STORAGE_SECONDS"), CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 60;
            StorageProbe.Start(storagePath, TimeSpan.FromSeconds(seconds));
        }

        if (Environment.GetEnvironmentVariable("TURNBENCH_MEM_FILE") is { Length: > 0 } memoryPath)
        {
            new Thread(() => WriteMemoryForever(memoryPath)) { IsBackground = true, Name = "TurnBench memory probe" }.Start();
        }
    }

    /// <summary>
    /// For the soak (<c>TURNBENCH_MEM_FILE</c>), every 250 ms: the GC heap's size after the last collection and its index,
    /// the same after the last gen2 collection (blocking or background; 0 0 before the first), the committed bytes, the
    /// gen2 count, and the free space (fragmentation) inside the heap after that gen2 collection: its heap size less that
    /// is what the collection found alive.
    /// Kept apart from the 20 ms file, whose readers and allocation figures it would otherwise change.
    /// </summary>
    private static void WriteMemoryForever(string path)
    {
        var scratch = path + ".tmp";
        while (true)
        {
            var last = GC.GetGCMemoryInfo(GCKind.Any);
            var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var background = GC.GetGCMemoryInfo(GCKind.Background);
            var gen2 = blocking.Index >= background.Index ? blocking : background;
            File.WriteAllText(scratch, string.Create(CultureInfo.InvariantCulture,
                $"{last.HeapSizeBytes} {last.Index} {gen2.HeapSizeBytes} {gen2.Index} {last.TotalCommittedBytes} {GC.CollectionCount(2)} {gen2.FragmentedBytes}"));
            File.Move(scratch, path, overwrite: true);
            Thread.Sleep(250);
        }
    }

    private static void CountStorageCall(Instrument instrument, double milliseconds, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string kind = "table", name = "unknown", method = "?";
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "bot.storage.table":
                    name = tag.Value as string ?? name;
                    break;
                case "bot.storage.queue":
                    kind = "queue";
                    name = tag.Value as string ?? name;
                    break;
                case "http.request.method":
                    method = tag.Value as string ?? method;
                    break;
            }
        }

        var count = StorageCalls.GetOrAdd((kind, name, method), static _ => new StrongBox<long>());
        Interlocked.Increment(ref count.Value);
    }

    private static void WriteForever(string path)
    {
        var scratch = path + ".tmp";
        var line = new StringBuilder();
        while (true)
        {
            line.Clear();
            line.Append(CultureInfo.InvariantCulture,
                $"{GC.GetTotalAllocatedBytes(true)} {GC.CollectionCount(0)} {GC.CollectionCount(1)} {GC.CollectionCount(2)} {GC.GetTotalPauseDuration().Ticks}");
            if (s_storageObserved)
            {
                // "storage" says the process records storage calls, so none counted means none made.
                line.Append(" storage");
                foreach (var ((kind, name, method), count) in StorageCalls)
                {
                    line.Append(CultureInfo.InvariantCulture, $" {kind}:{name}:{method}={Volatile.Read(ref count.Value)}");
                }
            }

            File.WriteAllText(scratch, line.ToString());
            File.Move(scratch, path, overwrite: true);
            Thread.Sleep(20);
        }
    }
}
