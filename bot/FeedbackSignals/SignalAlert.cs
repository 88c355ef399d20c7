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
