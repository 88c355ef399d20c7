namespace LearningBot.Storage.Leases;

/// <summary>
/// One background job's lease (table <c>Leases</c>, partition <c>job</c>, row key the job's name): which period was
/// last claimed, by whom, until when, and whether that period's run finished.
/// </summary>
public sealed record LeaseEntity : TableRow
{
    public const string JobPartition = "job";

    public LeaseEntity()
    {
    }

    public LeaseEntity(string job)
    {
        PartitionKey = JobPartition;
        RowKey = job;
    }

    public DateTimeOffset PeriodStart { get; init; }

    public string? Owner { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public bool Completed { get; init; }
}
