using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// The recognition an accepted compliment owes (table <c>SignalCompliments</c>, partition <see cref="Partition"/>, row key
/// the signal id): the leads it was sent to (person keys), its delivery, the managers it was passed to, and whether it was
/// suggested for good practice. The compliment itself is read from the signal.
/// </summary>
public sealed record ComplimentRecognition : TableRow
{
    public const string Partition = "compliment";

    public ComplimentRecognition()
    {
        PartitionKey = Partition;
    }

    public string SignalId { get; init; } = string.Empty;

    /// <summary>Person keys of the leads it was sent to, comma-separated.</summary>
    public string Recipients { get; init; } = string.Empty;

    public string? DeliveryId { get; init; }

    /// <summary>Person keys of the managers a lead passed it to, comma-separated.</summary>
    public string Managers { get; init; } = string.Empty;

    public bool Suggested { get; init; }

    public DateTimeOffset RecognisedAt { get; init; }

    public IReadOnlyList<string> RecipientKeys() => Recipients.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> ManagerKeys() => Managers.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool IsRecipient(string? personKey) => personKey is { Length: > 0 } && RecipientKeys().Contains(personKey, StringComparer.OrdinalIgnoreCase);

    public ComplimentRecognition PassedTo(string managerKey) =>
        ManagerKeys().Contains(managerKey, StringComparer.OrdinalIgnoreCase) ? this : this with { Managers = string.Join(',', [.. ManagerKeys(), managerKey]) };
}

/// <summary>
/// A compliment a lead suggested for the good-practice exchange (table <c>GoodPracticeSuggestions</c>, partition
/// <see cref="Partition"/>, row key the signal id, so a compliment is suggested once): the theme, where, the source, the
/// month and the moderator-approved wording. Never who logged it or who it was about.
/// </summary>
public sealed record GoodPracticeSuggestion : TableRow
{
    public const string Partition = "suggestion";

    public GoodPracticeSuggestion()
    {
        PartitionKey = Partition;
    }

    public string SignalId { get; init; } = string.Empty;

    public string Theme { get; init; } = string.Empty;

    public string ServiceArea { get; init; } = string.Empty;

    public string OrganisationKind { get; init; } = string.Empty;

    public string Source { get; init; } = string.Empty;

    /// <summary>The month the compliment was logged, <c>yyyy-MM</c>.</summary>
    public string Month { get; init; } = string.Empty;

    /// <summary>The compliment's wording as a moderator accepted it, scrubbed.</summary>
    public string Wording { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    /// <summary>The person key of the lead who suggested it.</summary>
    public string SuggestedBy { get; init; } = string.Empty;

    public DateTimeOffset SuggestedAt { get; init; }

    /// <summary>The suggestion a compliment makes; the wording only as <see cref="ScrubbedText"/>.</summary>
    public static GoodPracticeSuggestion Of(FeedbackSignal signal, ScrubbedText wording, string suggestedBy, DateTimeOffset now) =>
#pragma warning disable LB0001 // The one place the wording is set, from ScrubbedText.
        new()
        {
            RowKey = signal.Id,
            SignalId = signal.Id,
            Theme = signal.Theme,
            ServiceArea = signal.ServiceArea,
            OrganisationKind = signal.OrganisationKind,
            Source = signal.Source,
            Month = signal.MonthLogged,
            Wording = wording.Text,
            SuggestedBy = suggestedBy,
            SuggestedAt = now,
        };
#pragma warning restore LB0001
}
