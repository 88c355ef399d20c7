using LearningBot.Storage;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using TableBench;
using Legacy = Microsoft.Azure.Cosmos.Table;

// Usage: TableBench --connection "<azurite connection string>" [--azurite-pid PID] [--ops 2000] [--queries 200] [--rounds 3] [--variants name,name]
var options = BenchOptions.Parse(args);
Console.WriteLine($"Table benchmark: {options.Ops} point reads, {options.Ops} upserts, {options.Queries} one-partition queries of {Workload.RowsPerPartition} rows; " +
    $"concurrency 8 and 1; best of {options.Rounds} rounds.");

var service = TableStorage.Create(new TableStorageOptions { ConnectionString = options.ConnectionString }).Service;
var table = service.GetTableClient("bench" + Guid.NewGuid().ToString("N")[..12]);
await table.CreateIfNotExistsAsync();
await Workload.SeedAsync(table);

var legacyAccount = Legacy.CloudStorageAccount.Parse(options.ConnectionString);
var legacyTable = Legacy.CloudStorageAccountExtensions.CreateCloudTableClient(legacyAccount).GetTableReference(table.Name);

var clients = new List<IBenchClient> { new SdkClient(table), new LegacyClient(legacyTable) };
foreach (var variant in options.Variants)
{
    clients.Add(new SdkClient(SdkVariants.Create(variant, options.ConnectionString).GetTableClient(table.Name), "sdk:" + variant));
}

await Workload.CheckRoundTripAsync(table, legacyTable);
foreach (var client in clients)
{
    await Runner.WarmUpAsync(client);
}

var results = new List<Result>();
foreach (var concurrency in new[] { 8, 1 })
{
    foreach (var (workload, count, operation) in new (string, int, Func<IBenchClient, int, Task>)[]
    {
        ("point read", options.Ops, (c, i) => c.PointReadAsync(i)),
        ("upsert", options.Ops, (c, i) => c.UpsertAsync(i)),
        ("partition query", options.Queries, async (c, i) => Workload.Check(await c.QueryPartitionAsync(i) == Workload.RowsPerPartition)),
    })
    {
        var rounds = clients.ToDictionary(c => c.Name, _ => new List<Measurement>());
        for (var round = 0; round < options.Rounds; round++)
        {
            // Alternate who goes first so no client always meets a warmer or colder emulator.
            var order = round % 2 == 0 ? clients : Enumerable.Reverse(clients).ToList();
            foreach (var client in order)
            {
                rounds[client.Name].Add(await Runner.MeasureAsync(i => operation(client, i), count, concurrency, options.AzuritePid));
            }
        }

        results.Add(new Result(workload, concurrency, rounds.ToDictionary(r => r.Key, r => (IReadOnlyList<Measurement>)r.Value)));
    }
}

await table.DeleteAsync();
Report.Print(results, clients.Select(c => c.Name).ToList());

internal sealed record BenchOptions(string ConnectionString, int? AzuritePid, int Ops, int Queries, int Rounds, IReadOnlyList<string> Variants)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        int Number(string name, int fallback) => Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

        var connection = Value("--connection") ?? Environment.GetEnvironmentVariable("TABLEBENCH_CONNECTION")
            ?? throw new ArgumentException("Pass --connection with the Azurite connection string (bench/table.sh does this).");
        var variants = (Value("--variants") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        int? azurite = Value("--azurite-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null;
        return new BenchOptions(connection, azurite, Number("--ops", 2000), Number("--queries", 200), Number("--rounds", 3), variants);
    }
}

internal static class Workload
{
    public const string ReadPartition = "read";
    public const string UpsertPartition = "upsert";
    public const int ReadRows = 1000;
    public const int UpsertRows = 1000;
    public const int QueryPartitions = 20;
    public const int RowsPerPartition = 100;

    public static string QueryPartition(int i) => $"query{i % QueryPartitions:00}";

    public static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("A benchmark operation returned the wrong data.");
        }
    }

    public static async Task SeedAsync(TableClient table)
    {
        await Batches(table, ReadPartition, ReadRows);
        for (var p = 0; p < QueryPartitions; p++)
        {
            await Batches(table, QueryPartition(p), RowsPerPartition);
        }
    }

    /// <summary>Both clients read back every property of a row the SDK wrote, so the clients measure the same work.</summary>
    public static async Task CheckRoundTripAsync(TableClient table, Legacy.CloudTable legacyTable)
    {
        var expected = Rows.Create(ReadPartition, 7);
        CourseProgress sdk = await table.GetEntityAsync<CourseProgress>(ReadPartition, expected.RowKey);
        var legacy = (LegacyCourseProgress)(await legacyTable.ExecuteAsync(Legacy.TableOperation.Retrieve<LegacyCourseProgress>(ReadPartition, expected.RowKey))).Result;
        object?[] Values(string? name, string? title, int modules, long seconds, double score, bool certified, DateTime last, Guid id) =>
            [name, title, modules, seconds, score, certified, last.ToUniversalTime(), id];
        var want = Values(expected.LearnerName, expected.CourseTitle, expected.ModulesCompleted, expected.TotalSeconds, expected.Score, expected.Certified, expected.LastActivity, expected.LearnerId);
        Check(want.SequenceEqual(Values(sdk.LearnerName, sdk.CourseTitle, sdk.ModulesCompleted, sdk.TotalSeconds, sdk.Score, sdk.Certified, sdk.LastActivity, sdk.LearnerId)));
        Check(want.SequenceEqual(Values(legacy.LearnerName, legacy.CourseTitle, legacy.ModulesCompleted, legacy.TotalSeconds, legacy.Score, legacy.Certified, legacy.LastActivity, legacy.LearnerId)));
    }

    private static async Task Batches(TableClient table, string partition, int rows)
    {
        for (var start = 0; start < rows; start += 100)
        {
            await table.SubmitTransactionAsync(Enumerable.Range(start, Math.Min(100, rows - start))
                .Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Rows.Create(partition, i))));
        }
    }
}

/// <summary>One measured phase: throughput, and per operation the bytes and CPU of this process and the CPU of Azurite (NaN when its pid is unknown).</summary>
internal sealed record Measurement(double OpsPerSecond, double AllocatedBytesPerOp, double CpuMicrosecondsPerOp, double AzuriteCpuMicrosecondsPerOp);

/// <summary>Every round of one workload, per client; a client's figure is its best round (highest ops/s).</summary>
internal sealed record Result(string Workload, int Concurrency, IReadOnlyDictionary<string, IReadOnlyList<Measurement>> Rounds)
{
    public Measurement Best(string client) => Rounds[client].MaxBy(m => m.OpsPerSecond)!;

    /// <summary>The median over rounds of a/b ops/s, each ratio taken from two measurements that ran back to back.</summary>
    public double MedianRoundRatio(string a, string b)
    {
        var ratios = Rounds[a].Zip(Rounds[b], (x, y) => x.OpsPerSecond / y.OpsPerSecond).Order().ToArray();
        return ratios.Length % 2 == 1 ? ratios[ratios.Length / 2] : (ratios[(ratios.Length / 2) - 1] + ratios[ratios.Length / 2]) / 2;
    }
}

internal static class Runner
{
    public static async Task WarmUpAsync(IBenchClient client)
    {
        await MeasureAsync(client.PointReadAsync, 200, 8);
        await MeasureAsync(client.UpsertAsync, 200, 8);
        await MeasureAsync(client.QueryPartitionAsync, 20, 4);
    }

    public static async Task<Measurement> MeasureAsync(Func<int, Task> operation, int count, int concurrency, int? azuritePid = null)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var next = -1;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var azuriteBefore = CpuTicks(azuritePid);
        var clock = Stopwatch.StartNew();

        async Task Worker()
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await operation(i);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(Worker)));
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var azurite = CpuTicks(azuritePid) - azuriteBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Measurement(count / clock.Elapsed.TotalSeconds, (double)allocated / count, cpu.TotalMicroseconds / count, azurite * 1e6 / ClockTicksPerSecond / count);
    }

    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User + system CPU of another process in clock ticks, from /proc/PID/stat (fields 14 and 15); NaN without a pid.</summary>
    private static double CpuTicks(int? pid)
    {
        if (pid is null)
        {
            return double.NaN;
        }

        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}

internal static class Report
{
    /// <summary>The first client is the one we ship, the second the legacy peer; any further ones are SDK variants.</summary>
    public static void Print(List<Result> results, IReadOnlyList<string> names)
    {
        string ours = names[0], peer = names[1];
        Console.WriteLine();
        Console.WriteLine($"ops/s: {ours} (ours) vs {peer} (peer)");
        Console.WriteLine($"{"workload",-16} {"conc",4} | {"ours",7} {"peer",7} {"ratio",6} {"median",7} | {"KB alloc/op",11} {"(peer)",7} | {"CPU µs/op",9} {"(peer)",7} | {"Azurite µs/op",13} {"(peer)",7}");
        Console.WriteLine(new string('-', 118));
        foreach (var r in results)
        {
            Measurement o = r.Best(ours), p = r.Best(peer);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Workload,-16} {r.Concurrency,4} | {o.OpsPerSecond,7:0} {p.OpsPerSecond,7:0} {o.OpsPerSecond / p.OpsPerSecond,5:0.00}x {r.MedianRoundRatio(ours, peer),6:0.00}x | " +
                $"{o.AllocatedBytesPerOp / 1024,11:0.0} {p.AllocatedBytesPerOp / 1024,7:0.0} | {o.CpuMicrosecondsPerOp,9:0} {p.CpuMicrosecondsPerOp,7:0} | " +
                $"{o.AzuriteCpuMicrosecondsPerOp,13:0} {p.AzuriteCpuMicrosecondsPerOp,7:0}"));
        }

        Console.WriteLine();
        Console.WriteLine("ops/s: best round of each client. ratio = ours ÷ peer (above 1.00 means faster); median = the median over rounds of the");
        Console.WriteLine("ratio of two back-to-back measurements. KB alloc/op and CPU µs/op are this whole process per operation (of the best");
        Console.WriteLine("round); Azurite µs/op is the emulator's CPU per operation.");

        foreach (var variant in names.Skip(2))
        {
            Console.WriteLine();
            Console.WriteLine($"variant {variant}: ops/s against ours and the peer (median round ratios), per-operation costs");
            Console.WriteLine($"{"workload",-16} {"conc",4} | {"ops/s",7} {"vs ours",8} {"vs peer",8} | {"KB alloc/op",11} | {"CPU µs/op",9} | {"Azurite µs/op",13}");
            foreach (var r in results)
            {
                var v = r.Best(variant);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Workload,-16} {r.Concurrency,4} | {v.OpsPerSecond,7:0} {r.MedianRoundRatio(variant, ours),7:0.00}x {r.MedianRoundRatio(variant, peer),7:0.00}x | " +
                    $"{v.AllocatedBytesPerOp / 1024,11:0.0} | {v.CpuMicrosecondsPerOp,9:0} | {v.AzuriteCpuMicrosecondsPerOp,13:0}"));
            }
        }
    }
}
