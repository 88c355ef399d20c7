using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using TableBench;
using Legacy = Microsoft.Azure.Cosmos.Table;

// Usage: TableBench --connection "<azurite connection string>" [--ops 2000] [--queries 200] [--rounds 2] [--variants name,name]
var options = BenchOptions.Parse(args);
Console.WriteLine($"Table benchmark: {options.Ops} point reads, {options.Ops} upserts, {options.Queries} one-partition queries of {Workload.RowsPerPartition} rows; " +
    $"concurrency 8 and 1; best of {options.Rounds} rounds.");

var service = ShippedTables.CreateShippedClient(options.ConnectionString);
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
        var best = new Dictionary<string, Measurement>();
        for (var round = 0; round < options.Rounds; round++)
        {
            // Alternate who goes first so no client always meets a warmer or colder emulator.
            var order = round % 2 == 0 ? clients : Enumerable.Reverse(clients).ToList();
            foreach (var client in order)
            {
                var measured = await Runner.MeasureAsync(i => operation(client, i), count, concurrency);
                if (!best.TryGetValue(client.Name, out var previous) || measured.OpsPerSecond > previous.OpsPerSecond)
                {
                    best[client.Name] = measured;
                }
            }
        }

        results.Add(new Result(workload, concurrency, best));
    }
}

await table.DeleteAsync();
Report.Print(results, clients.Select(c => c.Name).ToList());

internal sealed record BenchOptions(string ConnectionString, int Ops, int Queries, int Rounds, IReadOnlyList<string> Variants)
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
        return new BenchOptions(connection, Number("--ops", 2000), Number("--queries", 200), Number("--rounds", 2), variants);
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

internal sealed record Measurement(double OpsPerSecond, double AllocatedBytesPerOp, double CpuMicrosecondsPerOp);

internal sealed record Result(string Workload, int Concurrency, IReadOnlyDictionary<string, Measurement> ByClient);

internal static class Runner
{
    public static async Task WarmUpAsync(IBenchClient client)
    {
        await MeasureAsync(client.PointReadAsync, 200, 8);
        await MeasureAsync(client.UpsertAsync, 200, 8);
        await MeasureAsync(client.QueryPartitionAsync, 20, 4);
    }

    public static async Task<Measurement> MeasureAsync(Func<int, Task> operation, int count, int concurrency)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var next = -1;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
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
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new Measurement(count / clock.Elapsed.TotalSeconds, (double)allocated / count, cpu.TotalMicroseconds / count);
    }
}

internal static class Report
{
    /// <summary>The first client is the one we ship, the second the legacy peer; any further ones are SDK variants.</summary>
    public static void Print(List<Result> results, IReadOnlyList<string> names)
    {
        string ours = names[0], peer = names[1];
        Console.WriteLine();
        Console.WriteLine($"{"workload",-16} {"conc",4} | {ours + " ops/s",31} {peer + " ops/s",25} {"ratio",6} | {"KB alloc/op",11} {"(peer)",8} | {"CPU µs/op",9} {"(peer)",8}");
        Console.WriteLine(new string('-', 135));
        foreach (var r in results)
        {
            Measurement o = r.ByClient[ours], p = r.ByClient[peer];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Workload,-16} {r.Concurrency,4} | {o.OpsPerSecond,31:0} {p.OpsPerSecond,25:0} {o.OpsPerSecond / p.OpsPerSecond,5:0.00}x | " +
                $"{o.AllocatedBytesPerOp / 1024,11:0.0} {p.AllocatedBytesPerOp / 1024,8:0.0} | {o.CpuMicrosecondsPerOp,9:0} {p.CpuMicrosecondsPerOp,8:0}"));
        }

        Console.WriteLine();
        Console.WriteLine($"ratio = {ours} ops/s ÷ {peer} ops/s (above 1.00 means faster). Allocation and CPU are the whole benchmark process per operation.");

        foreach (var variant in names.Skip(2))
        {
            Console.WriteLine();
            Console.WriteLine($"{"workload",-16} {"conc",4} | {variant + " ops/s",31} {"vs shipped",10} {"vs peer",8} | {"KB alloc/op",11} | {"CPU µs/op",9}");
            foreach (var r in results)
            {
                Measurement v = r.ByClient[variant], o = r.ByClient[ours], p = r.ByClient[peer];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Workload,-16} {r.Concurrency,4} | {v.OpsPerSecond,31:0} {v.OpsPerSecond / o.OpsPerSecond,9:0.00}x {v.OpsPerSecond / p.OpsPerSecond,7:0.00}x | " +
                    $"{v.AllocatedBytesPerOp / 1024,11:0.0} | {v.CpuMicrosecondsPerOp,9:0}"));
            }
        }
    }
}
