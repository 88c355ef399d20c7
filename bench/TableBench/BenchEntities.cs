using LearningBot.Storage;
using Legacy = Microsoft.Azure.Cosmos.Table;

namespace TableBench;

/// <summary>A course-progress row with a typical mix of property types.</summary>
public sealed record CourseProgress : ITableEntity
{
    public required string PartitionKey { get; init; }
    public required string RowKey { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public ETag ETag { get; init; }

    public string? LearnerName { get; init; }
    public string? CourseTitle { get; init; }
    public int ModulesCompleted { get; init; }
    public long TotalSeconds { get; init; }
    public double Score { get; init; }
    public bool Certified { get; init; }
    public DateTime LastActivity { get; init; }
    public Guid LearnerId { get; init; }
}

/// <summary>The same row for the legacy client, which needs a mutable class deriving from its TableEntity.</summary>
public sealed class LegacyCourseProgress : Legacy.TableEntity
{
    public string? LearnerName { get; set; }
    public string? CourseTitle { get; set; }
    public int ModulesCompleted { get; set; }
    public long TotalSeconds { get; set; }
    public double Score { get; set; }
    public bool Certified { get; set; }
    public DateTime LastActivity { get; set; }
    public Guid LearnerId { get; set; }
}

internal static class Rows
{
    public static CourseProgress Create(string partition, int i) => new()
    {
        PartitionKey = partition,
        RowKey = $"r{i:00000}",
        LearnerName = $"Learner {i} O'Connor",
        CourseTitle = "Safeguarding adults level 2",
        ModulesCompleted = i % 12,
        TotalSeconds = 3_600L * i,
        Score = i * 0.37,
        Certified = i % 3 == 0,
        LastActivity = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc).AddMinutes(i),
        LearnerId = new Guid(i, 7, 11, [1, 2, 3, 4, 5, 6, 7, 8]),
    };

    public static LegacyCourseProgress CreateLegacy(string partition, int i)
    {
        var row = Create(partition, i);
        return new LegacyCourseProgress
        {
            PartitionKey = row.PartitionKey,
            RowKey = row.RowKey,
            LearnerName = row.LearnerName,
            CourseTitle = row.CourseTitle,
            ModulesCompleted = row.ModulesCompleted,
            TotalSeconds = row.TotalSeconds,
            Score = row.Score,
            Certified = row.Certified,
            LastActivity = row.LastActivity,
            LearnerId = row.LearnerId,
        };
    }
}
