using System.Globalization;
using LearningBot.BotHost;
using LearningBot.Calendar;
using LearningBot.Connector.Hosting;
using LearningBot.Leads;

namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>
/// <c>GET /analyses/{id}/print</c>: a clean A4 page of one learning needs analysis in large type, reached only through a
/// signed link that expires. Everything is HTML-encoded; a link that is not valid or has expired says so and shows nothing.
/// </summary>
public sealed class LnaPrintPage : IEndpointFeature
{
    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGet(LnaPrintLinks.Path, HandleAsync);

    public static async Task<IResult> HandleAsync(string id, string? exp, string? sig, LnaPrintLinks links, LearningNeedsStore store, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(http);
        PrintableHtml.PrivateHeaders(http.Response);
        if (PrintableHtml.RefusedLink(links.Check(id, exp, sig), "Open the learning needs analysis in Teams for a new printable link.") is { } refused)
        {
            return refused;
        }

        var analysis = await store.FindAsync(id, cancellationToken);
        return analysis is null
            ? PrintableHtml.Message(StatusCodes.Status404NotFound, "Not found", "This learning needs analysis is no longer available.")
            : PrintableHtml.Page(Render(analysis));
    }

    public static string Render(LearningNeedsAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var theme = SignalThemes.LabelOf(analysis.Theme);
        var html = PrintableHtml.Start($"Learning needs analysis: {theme}")
            .Append("<h1>Learning needs analysis: ").Append(PrintableHtml.Encode(theme)).Append("</h1>\n<dl class=\"facts\">\n")
            .Fact("Status", analysis.Status == LearningNeedsAnalysis.ReadyStatus ? "Ready" : "Draft")
            .Fact("Service area", SignalChoices.ServiceAreas.TitleOf(analysis.ServiceArea))
            .Fact("Organisation kind", SignalChoices.OrganisationKinds.TitleOf(analysis.OrganisationKind))
            .Fact("Concerns", analysis.ConcernsBand)
            .Fact("Compliments", analysis.ComplimentsBand)
            .Fact("Where it was heard", LnaCards.SourcesInWords(analysis.Sources))
            .Fact("Months", LnaCards.MonthsInWords(analysis))
            .Fact("Last saved", UkTime.Local(analysis.EditedAt).ToString("d MMMM yyyy", CultureInfo.InvariantCulture))
            .Append("</dl>\n");
        if (analysis.ExampleWordings() is { Count: > 0 } examples)
        {
            html.Append("<section>\n<h2>In their words (checked by a moderator)</h2>\n<ul>\n");
            foreach (var example in examples)
            {
                html.Append("<li>").Append(PrintableHtml.Encode(example)).Append("</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        foreach (var (input, text) in analysis.Written())
        {
            html.Append("<section>\n<h2>").Append(PrintableHtml.Encode(LnaCards.LabelOf(input))).Append("</h2>\n");
            foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                html.Append("<p>").Append(PrintableHtml.Encode(paragraph)).Append("</p>\n");
            }

            html.Append("</section>\n");
        }

        return html.Append("<footer>No names or details of patients, service users or staff. Counts below 5 are shown only as \"fewer than 5\".</footer>\n")
            .End();
    }
}
