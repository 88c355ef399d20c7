using Azure;
using Azure.Data.Tables;
using Legacy = Microsoft.Azure.Cosmos.Table;

namespace TableBench;

/// <summary>A course-progress row with a typical mix of property types, as Azure.Data.Tables reads and writes it.</summary>
public sealed class CourseProgress : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? LearnerName { get; set; }
    public string? CourseTitle { get; set; }
    public int ModulesCompleted { get; set; }
    public long TotalSeconds { get; set; }
    public double Score { get; set; }
    public bool Certified { get; set; }
    public DateTime LastActivity { get; set; }
    public Guid LearnerId { get; set; }
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
