using System.Globalization;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.FeedbackSignals;

/// <summary>The verb of the report card's quarter buttons (data <c>quarter</c>: <see cref="ReportQuarter.Key"/>).</summary>
public static class SignalReportVerbs
{
    public const string Show = "signal.report";
}

/// <summary>
/// <c>signal report [quarter]</c> (or <c>feedback report</c>): the feedback signals report for a quarter, for the L&amp;D
/// Support Team, organisations' L&amp;D leads and the board (<see cref="Roles.SignalReports"/>); what each sees is decided
/// by <see cref="SignalReportAudience"/>. The card's buttons move a quarter back or forward in place.
/// </summary>
public sealed class SignalReportFeature(SignalReport report, SignalReportAudience audiences, CardCatalog cards, TimeProvider clock) : IBotFeature
{
    public const string NotForYou =
        "The feedback signals report is only for the L&D Support Team, organisations' L&D leads and the board. "
        + "If you think you should see it, ask the L&D Support Team to add you.";

    public const string NotAQuarter =
        "I didn't understand that quarter. Try **signal report** for this quarter, or **signal report 2026 Q3** for July to September 2026.";

    public void MapRoutes(BotRoutes routes) => routes
        .For(Roles.SignalReports, NotForYou)
        .OnCommandWithArgument(SendAsync, "signal report", "signals report", "feedback report", "feedback signals report")
        .OnCardAction(SignalReportVerbs.Show, ShowAsync);

    private async Task SendAsync(ITurnContext turn, string quarterText)
    {
        if (ReportQuarter.Parse(quarterText, CurrentQuarter) is not { } quarter)
        {
            await turn.SendTextAsync(NotAQuarter);
            return;
        }

        if (await CardAsync(turn, quarter) is { } card)
        {
            await turn.SendCardAsync(card);
        }
        else
        {
            await turn.SendTextAsync(NotForYou);
        }
    }

    private async Task<CardActionResult> ShowAsync(ITurnContext turn, CardActionRequest action)
    {
        var quarter = ReportQuarter.Parse(action.GetString("quarter"), CurrentQuarter) ?? CurrentQuarter;
        return await CardAsync(turn, quarter) is { } card ? CardActionResult.Replace(card) : CardActionResult.Message(NotForYou);
    }

    private async Task<System.Text.Json.Nodes.JsonObject?> CardAsync(ITurnContext turn, ReportQuarter quarter)
    {
        if (await audiences.OfAsync(turn.Caller, turn.Aborted) is not { } audience)
        {
            return null;
        }

        var shown = await report.BuildAsync(audience, quarter, turn.Aborted);
        return cards.Render(SignalReportCardData.For(audience, quarter, CurrentQuarter, shown));
    }

    private ReportQuarter CurrentQuarter => ReportQuarter.Of(UkTime.Local(clock.GetUtcNow()).DateTime);
}

public sealed record ReportRowData(string Label, string Value);

public sealed record ReportGroupData(string Heading, IReadOnlyList<ReportRowData> Rows, string Total);

public sealed record SignalReportCardData(
    string Period,
    string Audience,
    IReadOnlyList<ReportGroupData> Groups,
    string Total,
    string Foot,
    string Previous,
    string Next,
    bool ShowNext,
    bool Suppressed) : ICardData
{
    public static string CardName => "signal-report";

    public static SignalReportCardData For(ReportAudience audience, ReportQuarter quarter, ReportQuarter current, ShownFigures<ReportLine> shown) => new(
        quarter.InWords,
        audience switch
        {
            ReportAudience.OrganisationKind own => $"Only your kind of organisation: {SignalChoices.OrganisationKinds.TitleOf(own.Kind)}.",
            ReportAudience.Board => "Each theme across every kind of organisation.",
            _ => "Every theme, organisation kind and service area, with exact figures. Only the L&D Support Team sees it like this.",
        },
        [.. shown.Groups.Select(group => new ReportGroupData(
            group.Heading,
            [.. group.Rows.Select(row => new ReportRowData(row.Key.Label, $"{Signals(row.Figure)}. Action: {row.Key.Action}"))],
            shown.Groups.Count > 1 && group.Total is { } total ? $"Total: {Signals(total)}" : string.Empty))],
        shown.Total is { } all && all > 0 ? $"All themes: {Signals(all)}" : string.Empty,
        shown.Foot,
        quarter.Previous.Key,
        quarter.Next.Key,
        !quarter.Next.IsAfter(current),
        !audience.SeesExactFigures);

    private static string Signals(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? "signal" : "signals")}");
}
