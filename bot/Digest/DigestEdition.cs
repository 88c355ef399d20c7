using System.Runtime.Serialization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LearningBot.Storage;

namespace LearningBot.Digest;

/// <summary>Where an edition is on its way to readers. Approval (<c>Approval/</c>) reaches the first four; delivery the rest.</summary>
public static class DigestStatus
{
    public const string Draft = "draft";
    public const string AwaitingApproval = "awaiting-approval";
    public const string ChangesRequested = "changes-requested";
    public const string Approved = "approved";
    public const string Scheduled = "scheduled";
    public const string Sent = "sent";

    public static IReadOnlyList<string> All { get; } = [Draft, AwaitingApproval, ChangesRequested, Approved, Scheduled, Sent];

    /// <summary>The editor may still change the contents: a draft, or one the approver sent back.</summary>
    public static bool IsEditable(string status) => status is Draft or ChangesRequested;
}

/// <summary>
/// A newsletter edition (table <c>DigestEditions</c>, partition <see cref="Partition"/>, row <c>edition|000007</c>).
/// The items are an ordered list kept as JSON split over <see cref="ItemChunks"/> string properties (table storage holds at
/// most 64 KB, 32K characters, in one), so an edition of <see cref="DigestLimits.MaxItems"/> full-length items fits;
/// <see cref="WithItems"/> refuses a list that would not. What happened to it (who, what, when) is kept as audit rows in
/// the same partition, written in the same transaction as each change (<see cref="DigestAuditEntry"/>).
/// </summary>
public sealed record DigestEdition : TableRow
{
    public const string Partition = "edition";
    public const string RowPrefix = "edition|";

    /// <summary>How many string properties carry the items' JSON.</summary>
    public const int ItemChunks = 6;

    /// <summary>Characters per chunk: under table storage's 32K characters a property.</summary>
    public const int ChunkLength = 30_000;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Non-ASCII letters stay as they are (not \uXXXX), so the chunks hold what people wrote at its own length.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public DigestEdition()
    {
        PartitionKey = Partition;
    }

    /// <summary>Edition 1, 2, …: allocated once, never twice (<see cref="DigestEditionStore.CreateDraftAsync"/>).</summary>
    public int Number { get; init; }

    public DateTimeOffset PeriodFrom { get; init; }

    public DateTimeOffset PeriodTo { get; init; }

    /// <summary>One of <see cref="DigestStatus"/>.</summary>
    public string Status { get; init; } = DigestStatus.Draft;

    /// <summary>The person key of the editor who started it.</summary>
    public string EditorKey { get; init; } = string.Empty;

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Goes up by one with every change: a card press carries the version it showed, and only that version is changed.</summary>
    public int Version { get; init; }

    /// <summary>The press that made this version (verb, item, version shown, answers), so the same press again changes nothing.</summary>
    public string LastPress { get; init; } = string.Empty;

    /// <summary>Where approval stands, as JSON (<c>Approval/DigestApprovalRecord</c>): who asked, who approved what, changes asked for.</summary>
    public string ApprovalJson { get; init; } = string.Empty;

    /// <summary>The version that was approved in full; 0 while it is not approved.</summary>
    public int ApprovedVersion { get; init; }

    /// <summary>When a scheduled edition goes out (UTC); null until it is scheduled.</summary>
    public DateTimeOffset? SendAt { get; init; }

    /// <summary>Who it goes to, as the sending step's JSON (everyone with the app, channels, organisation kinds).</summary>
    public string Audience { get; init; } = string.Empty;

    /// <summary>The person key of the editor who scheduled it: the delivery is requested in their name.</summary>
    public string ScheduledBy { get; init; } = string.Empty;

    /// <summary>The scheduling editor's conversation reference (JSON), where the delivery's progress card goes.</summary>
    public string ProgressTo { get; init; } = string.Empty;

    /// <summary>The delivery that carries the edition to readers, once started.</summary>
    public string DeliveryId { get; init; } = string.Empty;

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>True once everything that follows the edition going out (<see cref="IDigestEditionSent"/>) has been called.</summary>
    public bool FollowedUp { get; init; }

    public string ItemsJson0 { get; init; } = "[]";
    public string ItemsJson1 { get; init; } = string.Empty;
    public string ItemsJson2 { get; init; } = string.Empty;
    public string ItemsJson3 { get; init; } = string.Empty;
    public string ItemsJson4 { get; init; } = string.Empty;
    public string ItemsJson5 { get; init; } = string.Empty;

    [IgnoreDataMember]
    public string Title => $"Edition {Number}";

    /// <summary>The items in the order readers will see them.</summary>
    [IgnoreDataMember]
    public IReadOnlyList<DigestItem> Items =>
        JsonSerializer.Deserialize<List<DigestItem>>(string.Concat(ItemsJson0, ItemsJson1, ItemsJson2, ItemsJson3, ItemsJson4, ItemsJson5), Json) ?? [];

    public static string RowKeyOf(int number) => RowPrefix + number.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A new draft; its number is given when it is stored.</summary>
    public static DigestEdition Draft(DateTimeOffset from, DateTimeOffset to, string editorKey, IReadOnlyList<DigestItem> items, DateTimeOffset now) =>
        new DigestEdition { PeriodFrom = from, PeriodTo = to, EditorKey = editorKey, CreatedAt = now, UpdatedAt = now, Version = 1 }.WithItems(items);

    public DigestEdition Numbered(int number) => this with { Number = number, RowKey = RowKeyOf(number) };

    /// <summary>Whether the list fits the edition's storage (and <see cref="DigestLimits.MaxItems"/>).</summary>
    public static bool Fits(IReadOnlyList<DigestItem> items) =>
        items.Count <= DigestLimits.MaxItems && JsonSerializer.Serialize(items, Json).Length <= ItemChunks * ChunkLength;

    /// <summary>This edition with <paramref name="items"/> as its contents; throws when they do not fit (<see cref="Fits"/>).</summary>
    public DigestEdition WithItems(IReadOnlyList<DigestItem> items)
    {
        var json = JsonSerializer.Serialize(items, Json);
        if (items.Count > DigestLimits.MaxItems || json.Length > ItemChunks * ChunkLength)
        {
            throw new InvalidOperationException($"An edition holds at most {DigestLimits.MaxItems} items and {ItemChunks * ChunkLength:N0} characters of them.");
        }

        string Chunk(int i) => json.Length <= i * ChunkLength ? string.Empty : json.Substring(i * ChunkLength, Math.Min(ChunkLength, json.Length - (i * ChunkLength)));
        return this with
        {
            ItemsJson0 = Chunk(0), ItemsJson1 = Chunk(1), ItemsJson2 = Chunk(2), ItemsJson3 = Chunk(3), ItemsJson4 = Chunk(4), ItemsJson5 = Chunk(5),
        };
    }

    /// <summary>The next version after a change by a press (<paramref name="press"/>) at <paramref name="now"/>.</summary>
    public DigestEdition Changed(string press, DateTimeOffset now) => this with { Version = Version + 1, LastPress = press, UpdatedAt = now };
}

/// <summary>The limits of an edition and its items, checked on every card and by the store.</summary>
public static class DigestLimits
{
    public const int MaxItems = 30;
    public const int HeadlineLength = 150;
    public const int TextLength = 2_400;
    public const int LinkLength = 500;
    public const int ContributionMinWords = 150;
    public const int ContributionMaxWords = 300;

    /// <summary>Proposed contributions in one edition, oldest first; the rest wait for the next.</summary>
    public const int ContributionsProposed = 3;
}
