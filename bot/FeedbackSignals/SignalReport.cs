using Azure.Data.Tables;
using LearningBot.Leads;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>One line of the report before the rule for small figures: what it is about and what became of its alerts.</summary>
public sealed record ReportLine(string Label, string Action);

/// <summary>
/// The feedback signals report for a quarter: accepted signals counted by theme (the leads' specialties), organisation
/// kind and service area, by the month they were logged, with what became of each theme's latest alert. What the
/// audience sees is cut to it here, and every figure outside the L&amp;D Support Team goes through
/// <see cref="SmallCountSuppression"/>.
/// </summary>
public sealed class SignalReport(TableStorage tables)
{
    public const string NoAlert = "no alert";

    /// <summary>Action words in the order a line lists them.</summary>
    private static readonly string[] ActionOrder = ["open", "open, no lead found", "taken", "in hand", "you said, we did", "not a learning issue", NoAlert];

    private readonly LazyTable _themes = tables.Table(SignalAlerts.ThemesTable);
    private readonly LazyTable _alerts = tables.Table(SignalAlerts.AlertsTable);

    public async Task<ShownFigures<ReportLine>> BuildAsync(ReportAudience audience, ReportQuarter quarter, CancellationToken cancellationToken)
    {
        var themes = await (await _themes.GetAsync(cancellationToken)).ListAsync<ThemeTally>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ThemeTally.Partition}"), cancellationToken: cancellationToken);
        var alerts = (await (await _alerts.GetAsync(cancellationToken)).ListAsync<SignalAlert>(
            TableClient.CreateQueryFilter($"PartitionKey eq {SignalAlert.Partition}"), cancellationToken: cancellationToken))
            .Where(alert => alert.AlertId.Length > 0 && alert.RowKey == alert.AlertId) // the partition holds outbox rows too
            .ToDictionary(alert => alert.AlertId, alert => alert.Status, StringComparer.Ordinal);
        return SmallCountSuppression.Apply(Sections(audience, Counts(themes, alerts, quarter)), audience.SeesExactFigures);
    }

    /// <summary>The groups an audience sees (one per theme; for the board, one of every theme), before the rule for small figures.</summary>
    public static IReadOnlyList<FigureGroup<ReportLine>> Sections(ReportAudience audience, IReadOnlyList<ThemeCount> counts) => audience switch
    {
        ReportAudience.Board => [new FigureGroup<ReportLine>(
            "All kinds of organisation together",
            [.. counts.GroupBy(count => count.Theme).OrderBy(group => ThemeOrder(group.Key))
                .Select(group => new FigureRow<ReportLine>(new ReportLine(SignalThemes.LabelOf(group.Key), ActionsOf(group)), group.Sum(count => count.Signals)))])],
        ReportAudience.OrganisationKind own => ByTheme(counts.Where(count => count.OrganisationKind == own.Kind), count => SignalChoices.ServiceAreas.TitleOf(count.ServiceArea)),
        _ => ByTheme(counts, count => $"{SignalChoices.OrganisationKinds.TitleOf(count.OrganisationKind)}: {SignalChoices.ServiceAreas.TitleOf(count.ServiceArea)}"),
    };

    /// <summary>Each theme row's signals logged in the quarter's months (rows with none in those months dropped) and its latest alert's action.</summary>
    public static IReadOnlyList<ThemeCount> Counts(IEnumerable<ThemeTally> themes, IReadOnlyDictionary<string, string> alertStatuses, ReportQuarter quarter)
    {
        var months = quarter.Months.ToHashSet(StringComparer.Ordinal);
        return
        [
            .. themes
                .Select(theme => new ThemeCount(
                    theme.Theme,
                    theme.OrganisationKind,
                    theme.ServiceArea,
                    theme.Signals().Count(signal => months.Contains(signal.Month)),
                    theme.AlertId is { } id && alertStatuses.TryGetValue(id, out var status) ? ActionOf(status) : NoAlert))
                .Where(count => count.Signals > 0),
        ];
    }

    /// <summary>An alert's status in the report's words.</summary>
    public static string ActionOf(string status) => status switch
    {
        SignalAlert.Open => "open",
        SignalAlert.NoLead => "open, no lead found",
        SignalAlert.Taken => "taken",
        SignalAlert.InHand => "in hand",
        SignalAlert.NotALearningIssue => "not a learning issue",
        "you-said-we-did" => "you said, we did",
        _ => status.Replace('-', ' '),
    };

    private static List<FigureGroup<ReportLine>> ByTheme(IEnumerable<ThemeCount> counts, Func<ThemeCount, string> label) =>
    [
        .. counts.GroupBy(count => count.Theme).OrderBy(group => ThemeOrder(group.Key)).Select(group => new FigureGroup<ReportLine>(
            SignalThemes.LabelOf(group.Key),
            [.. group.OrderBy(count => OrderOf(SignalChoices.OrganisationKinds, count.OrganisationKind)).ThenBy(count => OrderOf(SignalChoices.ServiceAreas, count.ServiceArea))
                .Select(count => new FigureRow<ReportLine>(new ReportLine(label(count), count.Action), count.Signals))])),
    ];

    private static string ActionsOf(IEnumerable<ThemeCount> counts) =>
        string.Join("; ", counts.Select(count => count.Action).Distinct().OrderBy(action => Array.IndexOf(ActionOrder, action) is var i and >= 0 ? i : ActionOrder.Length));

    private static int ThemeOrder(string theme) => SignalThemes.All.Select(t => t.Id).ToList().IndexOf(theme) is var i and >= 0 ? i : int.MaxValue;

    private static int OrderOf(IReadOnlyList<SignalChoice> list, string value) => list.Select(c => c.Value).ToList().IndexOf(value) is var i and >= 0 ? i : int.MaxValue;
}

/// <summary>A theme row's signals in the quarter and its action.</summary>
public sealed record ThemeCount(string Theme, string OrganisationKind, string ServiceArea, int Signals, string Action);
