using System.Runtime.Serialization;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.GoodPractice;

/// <summary>
/// One example of good practice, from the first Next of the sharing card to its retirement. Partition
/// <see cref="Partition"/>, row key <see cref="Id"/>. Every typed answer is stored scrubbed and can be set only from
/// <see cref="ScrubbedText"/> (<see cref="WithStory"/>, <see cref="WithResults"/>, <see cref="WithDetails"/>, <see cref="WithEditorNote"/>,
/// <see cref="EnteredFor"/>).
/// </summary>
public sealed record GoodPracticeExample : TableRow
{
    public const string Partition = "example";

    public GoodPracticeExample()
    {
        PartitionKey = Partition;
    }

    public string Id { get; init; } = string.Empty;

    /// <summary>One of <see cref="ExampleStatus"/>.</summary>
    public string Status { get; init; } = ExampleStatus.Draft;

    /// <summary>Counts the row's changes; outbox rows a change owes are keyed by it, so one change never owes a message twice.</summary>
    public int Version { get; init; }

    /// <summary>The step of the sharing card the draft is on (<see cref="SharingSteps"/>): where it resumes.</summary>
    public int Step { get; init; } = SharingSteps.Story;

    /// <summary>The person key of whoever shared it, or of the L&amp;D Support Team member who entered it on someone's behalf.</summary>
    public string ContributorKey { get; init; } = string.Empty;

    /// <summary>The contributor's name as Teams gives it (never typed), for attribution by name and organisation.</summary>
    public string ContributorName { get; init; } = string.Empty;

    /// <summary>A short title, as the contributor gave it.</summary>
    public string Title { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string Problem { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>What was done and who was involved.</summary>
    public string WhatWeDid { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>What changed, figures welcome.</summary>
    public string WhatChanged { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>What they would do differently, including what did not work.</summary>
    public string DoDifferently { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Who people should contact: one of <see cref="GoodPracticeChoices.Contacts"/>.</summary>
    public string Contact { get; init; } = string.Empty;

    /// <summary>The team or role to ask for (never a person's details).</summary>
    public string ContactRole { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>The organisation's name as typed.</summary>
    public string OrganisationName { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>One of <c>SignalChoices.OrganisationKinds</c>.</summary>
    public string OrganisationKind { get; init; } = string.Empty;

    /// <summary>Ids of <c>SignalThemes</c>, comma-separated in the list's order: the topics leads are matched on.</summary>
    public string Topics { get; init; } = string.Empty;

    /// <summary>An optional https link to more about it.</summary>
    public string Link { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>The contributor confirmed their organisation is happy for it to be shared.</summary>
    public bool OrganisationConsents { get; init; }

    /// <summary>One of <see cref="Attributions"/>.</summary>
    public string Attribution { get; init; } = string.Empty;

    /// <summary>True when the L&amp;D Support Team entered it for someone outside Teams.</summary>
    public bool EnteredOnBehalf { get; init; }

    /// <summary>For an entry on behalf: how it reached the L&amp;D Support Team (<see cref="GoodPracticeChoices.ReceivedBy"/>).</summary>
    public string ReceivedBy { get; init; } = string.Empty;

    /// <summary>For an entry on behalf: the contributor's name and organisation as given.</summary>
    public string GivenBy { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it was last submitted (or resubmitted) for the editors.</summary>
    public DateTimeOffset? SubmittedAt { get; init; }

    /// <summary>How many times it was submitted: above 1 after changes were requested.</summary>
    public int Submissions { get; init; }

    /// <summary>Where the moderation card was posted in the L&amp;D channel (a <c>SentMessage</c> as JSON), once it was.</summary>
    public string? ModerationCard { get; init; }

    /// <summary>The person key of the editor who made the latest decision.</summary>
    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public DateTimeOffset? ApprovedAt { get; init; }

    /// <summary>The editor's latest comment (changes requested) or reason (declined, retired), scrubbed.</summary>
    public string EditorNote { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Once approved: when it is to be re-checked (midnight UTC of the day).</summary>
    public DateTimeOffset? ReviewDue { get; init; }

    /// <summary>The review date the editors were last told of, so each date is told once.</summary>
    public DateTimeOffset? ReviewNoticeFor { get; init; }

    /// <summary>The contributor can still change it: a draft, or sent back with changes requested.</summary>
    [IgnoreDataMember]
    public bool IsEditable => Status is ExampleStatus.Draft or ExampleStatus.ChangesRequested;

    /// <summary>The topic ids as a list.</summary>
    [IgnoreDataMember]
    public IReadOnlyList<string> TopicIds => Topics.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A new draft on the first step.</summary>
    public static GoodPracticeExample Start(string id, string contributorKey, string contributorName, DateTimeOffset now) => new()
    {
        RowKey = id,
        Id = id,
        ContributorKey = contributorKey,
        ContributorName = contributorName,
        StartedAt = now,
        UpdatedAt = now,
        Version = 1,
    };

    /// <summary>The title, the problem and what was done, each only as <see cref="ScrubbedText"/>.</summary>
    public GoodPracticeExample WithStory(ScrubbedText title, ScrubbedText problem, ScrubbedText whatWeDid) =>
#pragma warning disable LB0001 // The one place these are set, from ScrubbedText.
        this with { Title = title.Text, Problem = problem.Text, WhatWeDid = whatWeDid.Text };
#pragma warning restore LB0001

    /// <summary>What changed and what they would do differently, each only as <see cref="ScrubbedText"/>.</summary>
    public GoodPracticeExample WithResults(ScrubbedText whatChanged, ScrubbedText doDifferently) =>
#pragma warning disable LB0001 // The one place these are set, from ScrubbedText.
        this with { WhatChanged = whatChanged.Text, DoDifferently = doDifferently.Text };
#pragma warning restore LB0001

    /// <summary>Who to contact and where it comes from; the typed parts only as <see cref="ScrubbedText"/>.</summary>
    public GoodPracticeExample WithDetails(
        string contact, ScrubbedText contactRole, ScrubbedText organisationName, string organisationKind, IReadOnlyList<string> topics, ScrubbedText link,
        bool organisationConsents, string attribution) =>
#pragma warning disable LB0001 // The one place these are set, from ScrubbedText.
        this with
        {
            Contact = contact,
            ContactRole = contactRole.Text,
            OrganisationName = organisationName.Text,
            OrganisationKind = organisationKind,
            Topics = string.Join(',', topics),
            Link = link.Text,
            OrganisationConsents = organisationConsents,
            Attribution = attribution,
        };
#pragma warning restore LB0001

    /// <summary>An editor's comment or reason, only as <see cref="ScrubbedText"/>.</summary>
    public GoodPracticeExample WithEditorNote(ScrubbedText note) =>
#pragma warning disable LB0001 // The one place the editor's note is set, from ScrubbedText.
        this with { EditorNote = note.Text };
#pragma warning restore LB0001

    /// <summary>Recorded as entered by the L&amp;D Support Team for someone outside Teams; who gave it only as <see cref="ScrubbedText"/>.</summary>
    public GoodPracticeExample EnteredFor(string receivedBy, ScrubbedText givenBy) =>
#pragma warning disable LB0001 // The one place who gave it is set, from ScrubbedText.
        this with { EnteredOnBehalf = true, ReceivedBy = receivedBy, GivenBy = givenBy.Text };
#pragma warning restore LB0001
}

/// <summary>The statuses of an example. Stored values: never rename one.</summary>
public static class ExampleStatus
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string ChangesRequested = "changes-requested";
    public const string Approved = "approved";
    public const string Declined = "declined";
    public const string Retired = "retired";
}

/// <summary>How an example is attributed when it is shown. Stored values: never rename one.</summary>
public static class Attributions
{
    public const string NameAndOrganisation = "name-and-organisation";
    public const string OrganisationOnly = "organisation-only";

    /// <summary>Anonymous: the L&amp;D Support Team is the contact.</summary>
    public const string Anonymous = "anonymous";
}
