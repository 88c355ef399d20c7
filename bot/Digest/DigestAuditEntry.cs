using System.Globalization;
using LearningBot.Storage;

namespace LearningBot.Digest;

/// <summary>
/// One line of an edition's audit trail: who did what, when (table <c>DigestEditions</c>, partition
/// <see cref="DigestEdition.Partition"/>, row <c>audit|000007|000012</c>: the edition and the version the change made, so
/// a change is recorded once). Written in the same transaction as the change. <see cref="What"/> is the bot's own
/// description (never text someone typed); later steps add their own (<see cref="DigestAuditActions"/>).
/// </summary>
public sealed record DigestAuditEntry : TableRow
{
    public const string RowPrefix = "audit|";

    public DigestAuditEntry()
    {
        PartitionKey = DigestEdition.Partition;
    }

    public int Number { get; init; }

    /// <summary>The edition's version this change made.</summary>
    public int Version { get; init; }

    /// <summary>The person key of who did it.</summary>
    public string Who { get; init; } = string.Empty;

    /// <summary>One of <see cref="DigestAuditActions"/>.</summary>
    public string Action { get; init; } = string.Empty;

    /// <summary>What was done, in words the bot wrote (an item is named by its id and kind, never by its text).</summary>
    public string What { get; init; } = string.Empty;

    public DateTimeOffset When { get; init; }

    public static string PrefixOf(int number) => $"{RowPrefix}{number.ToString("D6", CultureInfo.InvariantCulture)}|";

    public static DigestAuditEntry For(DigestEdition edition, string who, string action, string what, DateTimeOffset when) => new()
    {
        RowKey = PrefixOf(edition.Number) + edition.Version.ToString("D6", CultureInfo.InvariantCulture),
        Number = edition.Number,
        Version = edition.Version,
        Who = who,
        Action = action,
        What = what,
        When = when,
    };
}

/// <summary>The actions an audit line records. Approval, delivery and print add theirs here.</summary>
public static class DigestAuditActions
{
    public const string Created = "created";
    public const string Moved = "moved";
    public const string Edited = "edited";
    public const string Removed = "removed";
    public const string Added = "added";
}

/// <summary>The edition numbers given so far (row <c>counter</c> in the editions' partition), changed only with its ETag.</summary>
public sealed record DigestEditionCounter : TableRow
{
    public const string Key = "counter";

    public DigestEditionCounter()
    {
        PartitionKey = DigestEdition.Partition;
        RowKey = Key;
    }

    public int Last { get; init; }
}
