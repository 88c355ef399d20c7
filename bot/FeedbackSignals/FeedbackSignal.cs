using System.Globalization;
using System.Runtime.Serialization;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// One feedback signal, as logged: answers from the lists, an optional scrubbed note, the month it was logged (never a
/// day or time) and who logged it. Partition <see cref="Partition"/>, row key <see cref="Id"/>.
/// </summary>
public sealed record FeedbackSignal : TableRow
{
    public const string Partition = "signal";
    public const string AwaitingModeration = "awaiting-moderation";
    public const string Accepted = "accepted";
    public const string NotALearningIssue = "not-a-learning-issue";
    public const string Rejected = "rejected";

    public FeedbackSignal()
    {
        PartitionKey = Partition;
    }

    public string Id { get; init; } = string.Empty;

    public string Source { get; init; } = string.Empty;

    public string OrganisationKind { get; init; } = string.Empty;

    public string ServiceArea { get; init; } = string.Empty;

    public string Theme { get; init; } = string.Empty;

    /// <summary><c>concern</c> or <c>compliment</c>.</summary>
    public string Kind { get; init; } = string.Empty;

    public string Frequency { get; init; } = string.Empty;

    /// <summary>Skills or knowledge, something else, or not sure (<see cref="SignalChoices.Causes"/>).</summary>
    public string Cause { get; init; } = string.Empty;

    /// <summary>The note, scrubbed of identifiers; empty when none was given.</summary>
    public string Note { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>The month it was logged, <c>yyyy-MM</c> (UK time): the only time a signal keeps.</summary>
    public string MonthLogged { get; init; } = string.Empty;

    /// <summary>The person key of the member of staff who logged it.</summary>
    public string LoggedBy { get; init; } = string.Empty;

    /// <summary>True when the L&amp;D Support Team entered it for someone outside Teams.</summary>
    public bool LoggedOnBehalf { get; init; }

    public string Status { get; init; } = AwaitingModeration;

    /// <summary>Counts the row's changes; outbox rows a change owes are keyed by it, so one change never owes a message twice.</summary>
    public int Version { get; init; }

    /// <summary>Where the moderation card was posted in the L&amp;D channel (a <c>SentMessage</c> as JSON), once it was.</summary>
    public string? ModerationCard { get; init; }

    /// <summary>Flagged urgent by the moderator who accepted it.</summary>
    public bool Urgent { get; init; }

    /// <summary>The person key of the moderator who decided, once one has.</summary>
    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The moderator's reason for "not a learning issue" or a rejection, scrubbed; empty otherwise.</summary>
    public string Reason { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Whether a moderator has decided on it (worked out from <see cref="Status"/>, never stored).</summary>
    [IgnoreDataMember]
    public bool IsDecided => Status != AwaitingModeration;

    /// <summary>This signal with a moderator's decision; the reason only as <see cref="ScrubbedText"/>.</summary>
    public FeedbackSignal Decided(string status, ScrubbedText reason) =>
#pragma warning disable LB0001 // The one place the reason is set, from ScrubbedText.
        this with { Status = status, Reason = reason.Text };
#pragma warning restore LB0001

    /// <summary>A new signal awaiting moderation; the note only as <see cref="ScrubbedText"/>.</summary>
    public static FeedbackSignal Log(string id, SignalAnswers answers, ScrubbedText note, string monthLogged, string loggedBy, bool loggedOnBehalf)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(note);
#pragma warning disable LB0001 // The one place the note is set, from ScrubbedText.
        return new FeedbackSignal
        {
            RowKey = id,
            Id = id,
            Source = answers.Source,
            OrganisationKind = answers.OrganisationKind,
            ServiceArea = answers.ServiceArea,
            Theme = answers.Theme,
            Kind = answers.Kind,
            Frequency = answers.Frequency,
            Cause = answers.Cause,
            Note = note.Text,
            MonthLogged = monthLogged,
            LoggedBy = loggedBy,
            LoggedOnBehalf = loggedOnBehalf,
            Version = 1,
        };
#pragma warning restore LB0001
    }

    /// <summary>
    /// The id of the signal one person's press of one form makes: SHA-256 of the person key and the form's token, as 32
    /// hex digits. Pressing Log again on the same card finds the same signal; the same token from someone else does not.
    /// </summary>
    public static string IdFor(string personKey, string formToken)
    {
        ArgumentNullException.ThrowIfNull(personKey);
        ArgumentNullException.ThrowIfNull(formToken);
        var keyed = string.Create(CultureInfo.InvariantCulture, $"{personKey.Length}:{personKey}\n{formToken}");
        return StableKey.Of(keyed, 32);
    }

    public SignalAnswers Answers() => new(Source, OrganisationKind, ServiceArea, Theme, Kind, Frequency, Cause);

    /// <summary>For a paper slip: which kind of group sent it in (<see cref="SlipChoices.Senders"/>); empty otherwise.</summary>
    public string ReceivedFrom { get; init; } = string.Empty;

    /// <summary>For a paper slip: the name of the group that sent it (never a person), scrubbed; empty when none was given.</summary>
    public string ReceivedFromName { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>Accepted by merging into a theme that already existed (the theme and service area were set from it).</summary>
    public bool Merged { get; init; }

    /// <summary>This signal as the L&amp;D Support Team entered it from a paper slip; the group's name only as <see cref="ScrubbedText"/>.</summary>
    public FeedbackSignal FromSlip(string receivedFrom, ScrubbedText groupName) =>
#pragma warning disable LB0001 // The one place the group's name is set, from ScrubbedText.
        this with { LoggedOnBehalf = true, ReceivedFrom = receivedFrom, ReceivedFromName = groupName.Text };
#pragma warning restore LB0001
}
