using System.Runtime.Serialization;
using System.Text.Json;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// An alert raised when a theme crossed the alert rule (table <c>SignalAlerts</c>, partition <see cref="Partition"/>, row
/// key <see cref="AlertId"/>): the theme as it stood, who it was sent to (person keys) and what became of it.
/// </summary>
public sealed record SignalAlert : TableRow
{
    public const string Partition = "alert";
    public const string Open = "open";
    public const string NoLead = "no-lead";
    public const string Taken = "taken";
    public const string InHand = "in-hand";
    public const string NotALearningIssue = "not-a-learning-issue";

    public SignalAlert()
    {
        PartitionKey = Partition;
    }

    public string AlertId { get; init; } = string.Empty;

    public string Theme { get; init; } = string.Empty;

    public string ServiceArea { get; init; } = string.Empty;

    public string OrganisationKind { get; init; } = string.Empty;

    public int Concerns { get; init; }

    public int Compliments { get; init; }

    /// <summary>Source ids, comma-separated.</summary>
    public string Sources { get; init; } = string.Empty;

    public bool Urgent { get; init; }

    /// <summary>Example wordings (scrubbed, moderator-approved), as a JSON list.</summary>
    public string Examples { get; init; } = "[]";

    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>Person keys of the leads it was sent to, comma-separated; empty when there was nobody.</summary>
    public string Recipients { get; init; } = string.Empty;

    public string Status { get; init; } = Open;

    /// <summary>The person key of the lead who took it, or who answered for it.</summary>
    public string? Owner { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>"Already in hand" note or "not a learning issue" reason, scrubbed.</summary>
    public string Answer { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string? DeliveryId { get; init; }

    /// <summary>Counts the row's changes; outbox rows are keyed by it.</summary>
    public int Version { get; init; }

    /// <summary>When its first delivery was started (to the leads who want alerts straight away; weekly leads get the week's bundle).</summary>
    public DateTimeOffset? DeliveryStartedAt { get; init; }

    /// <summary>Who passed it to whom, as a JSON list of <see cref="AlertPass"/>.</summary>
    public string Passes { get; init; } = "[]";

    /// <summary>Person keys of the leads now asked to answer, comma-separated; empty while every recipient is.</summary>
    public string AskedOf { get; init; } = string.Empty;

    /// <summary>When the reminder was claimed (sent once), and its delivery once started.</summary>
    public DateTimeOffset? RemindedAt { get; init; }

    public string? ReminderDeliveryId { get; init; }

    /// <summary>When the head of the L&amp;D Support Team was told (once), and the delivery to them once started (or <see cref="ToldInChannel"/>).</summary>
    public DateTimeOffset? HeadToldAt { get; init; }

    public string? HeadDeliveryId { get; init; }

    public const string ToldInChannel = "channel";

    public IReadOnlyList<AlertPass> PassList() => JsonSerializer.Deserialize<List<AlertPass>>(Passes) ?? [];

    /// <summary>The leads now asked to answer: the last lead it was passed to, or every recipient.</summary>
    public IReadOnlyList<string> AskedKeys() =>
        AskedOf.Length > 0 ? AskedOf.Split(',', StringSplitOptions.RemoveEmptyEntries) : RecipientKeys();

    /// <summary>Whether the alert's own delivery was started (worked out, never stored).</summary>
    [IgnoreDataMember]
    public bool FirstDeliveryStarted => DeliveryStartedAt is not null || DeliveryId is not null;

    public IReadOnlyList<string> RecipientKeys() => Recipients.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> ExampleWordings() => JsonSerializer.Deserialize<List<string>>(Examples) ?? [];

    public bool IsRecipient(string? personKey) => personKey is { Length: > 0 } && RecipientKeys().Contains(personKey, StringComparer.OrdinalIgnoreCase);

    /// <summary>This alert answered by a lead; the note only as <see cref="ScrubbedText"/>.</summary>
    public SignalAlert Answered(string status, string owner, ScrubbedText answer, DateTimeOffset at) =>
#pragma warning disable LB0001 // The one place the answer is set, from ScrubbedText.
        this with { Status = status, Owner = owner, Answer = answer.Text, AnsweredAt = at };
#pragma warning restore LB0001

    public static SignalAlert Raise(ThemeTally theme, SignalAlertOptions rule, IReadOnlyList<string> recipients, DateTimeOffset now)
    {
        var window = theme.WithinWindow(rule.WindowDays, now);
        return new SignalAlert
        {
            RowKey = theme.AlertId!,
            AlertId = theme.AlertId!,
            Theme = theme.Theme,
            ServiceArea = theme.ServiceArea,
            OrganisationKind = theme.OrganisationKind,
            Concerns = window.Count(s => s.Kind == FeedbackSignalKinds.Concern),
            Compliments = window.Count(s => s.Kind == FeedbackSignalKinds.Compliment),
            Sources = theme.Sources,
            Urgent = theme.Urgent,
            Examples = theme.Examples,
            RaisedAt = now,
            Recipients = string.Join(',', recipients),
            Status = recipients.Count == 0 ? NoLead : Open,
            Version = 1,
        };
    }
}

/// <summary>One pass of an alert from a recipient to another lead; the note scrubbed; the delivery to the new lead once started.</summary>
public sealed record AlertPass(string From, string To, string ToName, DateTimeOffset At, string Note, string? DeliveryId);
