using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace LearningBot.Tests.Storage;

public enum CourseLevel
{
    Introductory,
    Intermediate,
    Advanced,
}

/// <summary>Every property type the bot's entities use, plain and nullable, shaped like them (a record with init properties).</summary>
public sealed record EveryTypeEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Text { get; init; }
    public int Int32 { get; init; }
    public long Int64 { get; init; }
    public double Double { get; init; }
    public bool Flag { get; init; }
    public DateTime When { get; init; }
    public DateTimeOffset WhenOffset { get; init; }
    public Guid Id { get; init; }
    public byte[]? Bytes { get; init; }
    public CourseLevel Level { get; init; }
    public int? MaybeInt32 { get; init; }
    public long? MaybeInt64 { get; init; }
    public double? MaybeDouble { get; init; }
    public bool? MaybeFlag { get; init; }
    public DateTime? MaybeWhen { get; init; }
    public DateTimeOffset? MaybeWhenOffset { get; init; }
    public Guid? MaybeId { get; init; }
    public CourseLevel? MaybeLevel { get; init; }

    [IgnoreDataMember]
    public string Computed => $"{PartitionKey}/{RowKey}";
}

/// <summary>A small entity like the ones capabilities keep (e.g. a learner's course progress).</summary>
public sealed record ProgressEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;
    public string RowKey { get; set; } = string.Empty;
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }

    public string? Course { get; init; }
    public int Completed { get; init; }
    public string? Note { get; init; }
}
