using Azure.Data.Tables;
using Legacy = Microsoft.Azure.Cosmos.Table;

namespace TableBench;

/// <summary>The three measured operations, implemented by each client under test.</summary>
internal interface IBenchClient
{
    string Name { get; }

    Task PointReadAsync(int i);

    Task UpsertAsync(int i);

    /// <summary>Reads one whole partition of <see cref="Workload.RowsPerPartition"/> rows; returns how many came back.</summary>
    Task<int> QueryPartitionAsync(int i);
}

/// <summary>The official SDK, configured as the bot ships it (<see cref="LearningBot.Storage.TableStorage.ClientOptions"/>).</summary>
internal sealed class SdkClient(TableClient table, string name = "Azure.Data.Tables 12.13.0") : IBenchClient
{
    public string Name => name;

    public async Task PointReadAsync(int i)
    {
        CourseProgress row = await table.GetEntityAsync<CourseProgress>(Workload.ReadPartition, $"r{i % Workload.ReadRows:00000}");
        Workload.Check(row.ModulesCompleted == (i % Workload.ReadRows) % 12);
    }

    public Task UpsertAsync(int i) => table.UpsertEntityAsync(Rows.Create(Workload.UpsertPartition, i % Workload.UpsertRows), TableUpdateMode.Replace);

    public async Task<int> QueryPartitionAsync(int i)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Workload.QueryPartition(i)}");
        var count = 0;
        await foreach (var row in table.QueryAsync<CourseProgress>(filter))
        {
            count += row.LearnerName is null ? 0 : 1;
        }

        return count;
    }
}

internal sealed class LegacyClient(Legacy.CloudTable table) : IBenchClient
{
    public string Name => "Cosmos.Table 1.0.8";

    public async Task PointReadAsync(int i)
    {
        var result = await table.ExecuteAsync(Legacy.TableOperation.Retrieve<LegacyCourseProgress>(Workload.ReadPartition, $"r{i % Workload.ReadRows:00000}"));
        var row = (LegacyCourseProgress)result.Result;
        Workload.Check(row.ModulesCompleted == (i % Workload.ReadRows) % 12);
    }

    public Task UpsertAsync(int i) => table.ExecuteAsync(Legacy.TableOperation.InsertOrReplace(Rows.CreateLegacy(Workload.UpsertPartition, i % Workload.UpsertRows)));

    public async Task<int> QueryPartitionAsync(int i)
    {
        var query = new Legacy.TableQuery<LegacyCourseProgress>().Where(
            Legacy.TableQuery.GenerateFilterCondition("PartitionKey", Legacy.QueryComparisons.Equal, Workload.QueryPartition(i)));
        var count = 0;
        Legacy.TableContinuationToken? token = null;
        do
        {
            var segment = await table.ExecuteQuerySegmentedAsync(query, token);
            foreach (var row in segment.Results)
            {
                count += row.LearnerName is null ? 0 : 1;
            }

            token = segment.ContinuationToken;
        }
        while (token is not null);

        return count;
    }
}
