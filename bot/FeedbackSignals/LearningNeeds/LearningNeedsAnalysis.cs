using System.Text.Json;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>What people write in an analysis, each part scrubbed.</summary>
public sealed record LnaText(
    ScrubbedText Need,
    ScrubbedText WhoIsAffected,
    ScrubbedText WhyLearning,
    ScrubbedText SuccessMeasures,
    ScrubbedText WhoLearnsWhat,
    ScrubbedText ByWhen,
    ScrubbedText Approaches)
{
    public IEnumerable<ScrubbedText> Parts() => [Need, WhoIsAffected, WhyLearning, SuccessMeasures, WhoLearnsWhat, ByWhen, Approaches];

    public IReadOnlyList<string> Removed() => [.. Parts().SelectMany(part => part.Removed)];
}

/// <summary>
/// A learning needs analysis started from a feedback alert (table <c>LearningNeedsAnalyses</c>, partition
/// <see cref="Partition"/>, row key the alert id: one per alert). The evidence is copied from the alert and its theme
/// when it starts, counts only as bands; the parts people write are stored scrubbed.
/// </summary>
public sealed record LearningNeedsAnalysis : TableRow
{
    public const string Partition = "lna";
    public const string Draft = "draft";
    public const string ReadyStatus = "ready";

    public LearningNeedsAnalysis()
    {
        PartitionKey = Partition;
    }

    /// <summary>The alert's id, which is also the analysis's.</summary>
    public string AlertId { get; init; } = string.Empty;

    public string Theme { get; init; } = string.Empty;

    public string ServiceArea { get; init; } = string.Empty;

    public string OrganisationKind { get; init; } = string.Empty;

    /// <summary>Concerns as a band (<see cref="CountBands"/>), never a number.</summary>
    public string ConcernsBand { get; init; } = string.Empty;

    public string ComplimentsBand { get; init; } = string.Empty;

    /// <summary>Source ids, comma-separated.</summary>
    public string Sources { get; init; } = string.Empty;

    /// <summary>The months the theme's signals were logged in (<c>yyyy-MM</c>), comma-separated.</summary>
    public string Months { get; init; } = string.Empty;

    /// <summary>Moderator-approved example wordings (scrubbed when logged), as a JSON list.</summary>
    public string Examples { get; init; } = "[]";

    public string Need { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string WhoIsAffected { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string WhyLearning { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string SuccessMeasures { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string WhoLearnsWhat { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string ByWhen { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string Approaches { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string Status { get; init; } = Draft;

    /// <summary>Person key of who started it.</summary>
    public string StartedBy { get; init; } = string.Empty;

    public DateTimeOffset StartedAt { get; init; }

    /// <summary>Person key of who saved it last.</summary>
    public string EditedBy { get; init; } = string.Empty;

    public DateTimeOffset EditedAt { get; init; }

    /// <summary>Counts saves: a card saves only over the version it showed.</summary>
    public int Version { get; init; }

    public IReadOnlyList<string> ExampleWordings() => JsonSerializer.Deserialize<List<string>>(Examples) ?? [];

    public IReadOnlyList<string> MonthIds() => Months.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The parts people write, as stored (each scrubbed when it was set).</summary>
    public IReadOnlyList<(string Input, string Text)> Written() =>
    [
        (LnaInputs.Need, Need),
        (LnaInputs.WhoIsAffected, WhoIsAffected),
        (LnaInputs.WhyLearning, WhyLearning),
        (LnaInputs.SuccessMeasures, SuccessMeasures),
        (LnaInputs.WhoLearnsWhat, WhoLearnsWhat),
        (LnaInputs.ByWhen, ByWhen),
        (LnaInputs.Approaches, Approaches),
    ];

    /// <summary>This analysis with what was written, the one place the written parts are set: only from <see cref="ScrubbedText"/>.</summary>
    public LearningNeedsAnalysis WithText(LnaText text, string status, string editedBy, DateTimeOffset at) =>
#pragma warning disable LB0001 // The one place the written parts are set, from ScrubbedText.
        this with
        {
            Need = text.Need.Text,
            WhoIsAffected = text.WhoIsAffected.Text,
            WhyLearning = text.WhyLearning.Text,
            SuccessMeasures = text.SuccessMeasures.Text,
            WhoLearnsWhat = text.WhoLearnsWhat.Text,
            ByWhen = text.ByWhen.Text,
            Approaches = text.Approaches.Text,
            Status = status,
            EditedBy = editedBy,
            EditedAt = at,
            Version = Version + 1,
        };
#pragma warning restore LB0001
}
