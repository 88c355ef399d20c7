using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.LearningDirectory.Interest;

/// <summary>
/// What people asked to hear about, in the <c>CourseInterests</c> table, a partition per person. Registering writes the
/// row whatever was there (the same ask twice is one row, with the latest organisation kind); stopping deletes it, and a
/// row already gone is fine.
/// </summary>
public sealed class CourseInterestStore(TableStorage tables)
{
    public const string TableName = "CourseInterests";

    private readonly LazyTable _table = (tables ?? throw new ArgumentNullException(nameof(tables))).Table(TableName);

    public async Task RegisterAsync(CourseInterestEntity interest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interest);
        var table = await _table.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(interest, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>The person's interests, in the order they were registered.</summary>
    public async Task<IReadOnlyList<CourseInterestEntity>> OfAsync(string personKey, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rows = await table.ListAsync<CourseInterestEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {CourseInterestEntity.PartitionFor(personKey)}"), cancellationToken: cancellationToken);
        return [.. rows.OrderBy(row => row.RegisteredAt)];
    }

    /// <summary>Everyone's interests: read when a session is added, to find who to tell.</summary>
    public async Task<IReadOnlyList<CourseInterestEntity>> AllAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ListAsync<CourseInterestEntity>(filter: null, cancellationToken: cancellationToken);
    }

    /// <summary>Stops one of the person's interests; false when it was not there (already stopped).</summary>
    public async Task<bool> StopAsync(string personKey, string interestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(interestId);
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            // The service answers 404 for a row already gone; the client hands that back rather than throwing.
            var response = await table.DeleteEntityAsync(CourseInterestEntity.PartitionFor(personKey), interestId, ETag.All, cancellationToken);
            return !response.IsError && response.Status != 404;
        }
        catch (RequestFailedException gone) when (gone.IsNotFound())
        {
            return false;
        }
    }
}
