using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Leads;

namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>Renders the draft card and the list of drafts: evidence only as bands, never who logged a signal.</summary>
public sealed class LnaCards(CardCatalog cards, LnaPrintLinks links)
{
    /// <summary>The draft as stored, or with <paramref name="written"/> in its inputs (text sent back to its editor).</summary>
    public JsonObject Draft(LearningNeedsAnalysis analysis, string notice = "", IReadOnlyDictionary<string, string>? written = null)
    {
        string Text(string input, string stored) => written?.GetValueOrDefault(input) ?? stored;
        return cards.Render(new LnaDraftCardData(
            analysis.AlertId,
            analysis.Version,
            SignalThemes.LabelOf(analysis.Theme),
            SignalChoices.ServiceAreas.TitleOf(analysis.ServiceArea),
            SignalChoices.OrganisationKinds.TitleOf(analysis.OrganisationKind),
            analysis.ConcernsBand,
            analysis.ComplimentsBand,
            SourcesInWords(analysis.Sources),
            MonthsInWords(analysis),
            [.. analysis.ExampleWordings().Select(text => new AlertExample(CardText.Literal(text)))],
            StatusText(analysis),
            notice,
            links.Create(analysis.AlertId))
        {
            Need = Text(LnaInputs.Need, analysis.Need),
            WhoIsAffected = Text(LnaInputs.WhoIsAffected, analysis.WhoIsAffected),
            WhyLearning = Text(LnaInputs.WhyLearning, analysis.WhyLearning),
            SuccessMeasures = Text(LnaInputs.SuccessMeasures, analysis.SuccessMeasures),
            WhoLearnsWhat = Text(LnaInputs.WhoLearnsWhat, analysis.WhoLearnsWhat),
            ByWhen = Text(LnaInputs.ByWhen, analysis.ByWhen),
            Approaches = Text(LnaInputs.Approaches, analysis.Approaches),
        });
    }

    public JsonObject List(IEnumerable<LearningNeedsAnalysis> analyses) =>
        cards.Render(new LnaListCardData([.. analyses.Select(a => new LnaListEntry(
            a.AlertId,
            SignalThemes.LabelOf(a.Theme),
            SignalChoices.ServiceAreas.TitleOf(a.ServiceArea),
            SignalChoices.OrganisationKinds.TitleOf(a.OrganisationKind),
            StatusText(a)))]));

    public static string StatusText(LearningNeedsAnalysis analysis) =>
        analysis.Status == LearningNeedsAnalysis.ReadyStatus ? "Ready." : "Draft: not ready yet.";

    public static string SourcesInWords(string sources) =>
        string.Join(", ", sources.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(SignalChoices.Sources.TitleOf));

    /// <summary>"October 2026, November 2026": months only, never a day.</summary>
    public static string MonthsInWords(LearningNeedsAnalysis analysis) =>
        string.Join(", ", analysis.MonthIds().Select(month =>
            DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
                ? first.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
                : month));

    /// <summary>The label of a written part, as the card shows it.</summary>
    public static string LabelOf(string input) => input switch
    {
        LnaInputs.Need => "The service need",
        LnaInputs.WhoIsAffected => "Who is affected",
        LnaInputs.WhyLearning => "Why learning is the fix (and not staffing, equipment or a process)",
        LnaInputs.SuccessMeasures => "How you will know it worked, and by when",
        LnaInputs.WhoLearnsWhat => "Who needs to learn what",
        LnaInputs.ByWhen => "Key dates",
        LnaInputs.Approaches => "Approaches beyond courses",
        _ => input,
    };
}

public sealed record LnaDraftCardData(
    string AnalysisId,
    int Version,
    string Theme,
    string ServiceArea,
    string OrganisationKind,
    string Concerns,
    string Compliments,
    string Sources,
    string Months,
    IReadOnlyList<AlertExample> Examples,
    string StatusText,
    string Notice,
    string PrintUrl) : ICardData
{
    public static string CardName => "lna-draft";

    public string Need { get; init; } = string.Empty;

    public string WhoIsAffected { get; init; } = string.Empty;

    public string WhyLearning { get; init; } = string.Empty;

    public string SuccessMeasures { get; init; } = string.Empty;

    public string WhoLearnsWhat { get; init; } = string.Empty;

    public string ByWhen { get; init; } = string.Empty;

    public string Approaches { get; init; } = string.Empty;
}

public sealed record LnaListEntry(string AnalysisId, string Theme, string ServiceArea, string OrganisationKind, string StatusText);

public sealed record LnaListCardData(IReadOnlyList<LnaListEntry> Analyses) : ICardData
{
    public static string CardName => "lna-list";
}
