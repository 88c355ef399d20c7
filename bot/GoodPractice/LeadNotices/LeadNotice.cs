using System.Runtime.Serialization;
using LearningBot.Leads;
using LearningBot.Storage;

namespace LearningBot.GoodPractice.LeadNotices;

/// <summary>
/// That a lead is to hear, or has heard, of an approved example: table <see cref="LeadNoticeStore.NoticesTable"/>,
/// partition the lead's person key (encoded as the register encodes it), row key the example id. Added only if absent,
/// so a lead never hears of the same example twice; their reactions to it are recorded here too.
/// </summary>
public sealed record LeadNotice : TableRow
{
    /// <summary>What <see cref="SentIn"/> holds for a notice sent on its own, at once.</summary>
    public const string StraightAway = "straight-away";

    public string PersonKey { get; init; } = string.Empty;

    public string ExampleId { get; init; } = string.Empty;

    /// <summary>The lead's kind of organisation when they were told, for the spread counts.</summary>
    public string OrganisationKind { get; init; } = string.Empty;

    /// <summary>How relevant the example was to the lead when it was approved (<see cref="ExampleRelevance"/>).</summary>
    public double Score { get; init; }

    public DateTimeOffset NotifiedAt { get; init; }

    /// <summary>When the card holding it was started, or null while it waits for the weekly bundle.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The card it went in: <see cref="StraightAway"/>, or the week of the bundle.</summary>
    public string? SentIn { get; init; }

    /// <summary>No longer wanted when its bundle was made (the lead said a topic was not for them): never sent.</summary>
    public bool Withheld { get; init; }

    public bool Useful { get; init; }

    public bool Saved { get; init; }

    public bool TryingToo { get; init; }

    public bool NotForMe { get; init; }

    [IgnoreDataMember]
    public bool Waiting => SentAt is null && !Withheld;

    public static LeadNotice For(LeadEntry lead, string exampleId, double score, DateTimeOffset now) => new()
    {
        PartitionKey = LeadEntry.RowKeyFor(lead.PersonKey),
        RowKey = exampleId,
        PersonKey = lead.PersonKey,
        ExampleId = exampleId,
        OrganisationKind = lead.OrganisationKind,
        Score = score,
        NotifiedAt = now,
    };
}

/// <summary>A lead's tuning of what they hear (table <see cref="LeadNoticeStore.PreferencesTable"/>, partition <c>lead</c>, row key the person key): topics pressed "not for me".</summary>
public sealed record LeadPracticePreference : TableRow
{
    public const string Partition = "lead";

    public LeadPracticePreference()
    {
        PartitionKey = Partition;
    }

    /// <summary>Theme ids, comma-separated.</summary>
    public string LessWanted { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; init; }

    [IgnoreDataMember]
    public IReadOnlyList<string> LessWantedIds => LessWanted.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A week whose bundles were all started (partition <see cref="Partition"/> of the notices table, row key the week).</summary>
public sealed record PracticeBundleWeek : TableRow
{
    public const string Partition = "week";

    public PracticeBundleWeek()
    {
        PartitionKey = Partition;
    }

    public int Leads { get; init; }

    public DateTimeOffset At { get; init; }
}

/// <summary>
/// Someone is trying an example too (table <see cref="LeadNoticeStore.SpreadTable"/>, partition the example id, row key the
/// person key): once per person, counted under the kind of organisation they were in when they said so.
/// </summary>
public sealed record PracticeSpread : TableRow
{
    public string ExampleId { get; init; } = string.Empty;

    public string PersonKey { get; init; } = string.Empty;

    public string OrganisationKind { get; init; } = string.Empty;

    public DateTimeOffset At { get; init; }

    public static PracticeSpread Of(string exampleId, string personKey, string organisationKind, DateTimeOffset at) => new()
    {
        PartitionKey = exampleId,
        RowKey = TableKeys.Encode(LeadEntry.Normalise(personKey)),
        ExampleId = exampleId,
        PersonKey = LeadEntry.Normalise(personKey),
        OrganisationKind = organisationKind,
        At = at,
    };
}
