using System.Globalization;
using System.Net;
using System.Text;
using LearningBot.BotHost;
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
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        switch (links.Check(id, exp, sig))
        {
            case SignedLinkCheck.Invalid:
                return Page(StatusCodes.Status403Forbidden, "This link is not valid",
                    "This link is not valid. Open the learning needs analysis in Teams for a new printable link.");
            case SignedLinkCheck.Expired:
                return Page(StatusCodes.Status403Forbidden, "This link has expired",
                    "Printable links work for a few days only. Open the learning needs analysis in Teams for a new one.");
        }

        var analysis = await store.FindAsync(id, cancellationToken);
        return analysis is null
            ? Page(StatusCodes.Status404NotFound, "Not found", "This learning needs analysis is no longer available.")
            : Results.Content(Render(analysis), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status200OK);
    }

    public static string Render(LearningNeedsAnalysis analysis)
    {
        var html = new StringBuilder();
        var theme = SignalThemes.LabelOf(analysis.Theme);
        Start(html, $"Learning needs analysis: {theme}");
        html.Append("<h1>Learning needs analysis: ").Append(Encode(theme)).Append("</h1>\n<dl class=\"facts\">\n");
        Fact(html, "Status", analysis.Status == LearningNeedsAnalysis.ReadyStatus ? "Ready" : "Draft");
        Fact(html, "Service area", SignalChoices.ServiceAreas.TitleOf(analysis.ServiceArea));
        Fact(html, "Organisation kind", SignalChoices.OrganisationKinds.TitleOf(analysis.OrganisationKind));
        Fact(html, "Concerns", analysis.ConcernsBand);
        Fact(html, "Compliments", analysis.ComplimentsBand);
        Fact(html, "Where it was heard", LnaCards.SourcesInWords(analysis.Sources));
        Fact(html, "Months", LnaCards.MonthsInWords(analysis));
        Fact(html, "Last saved", analysis.EditedAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        html.Append("</dl>\n");
        if (analysis.ExampleWordings() is { Count: > 0 } examples)
        {
            html.Append("<section>\n<h2>In their words (checked by a moderator)</h2>\n<ul>\n");
            foreach (var example in examples)
            {
                html.Append("<li>").Append(Encode(example)).Append("</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        foreach (var (input, text) in analysis.Written())
        {
            html.Append("<section>\n<h2>").Append(Encode(LnaCards.LabelOf(input))).Append("</h2>\n");
            foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("<footer>No names or details of patients, service users or staff. Counts below 5 are shown only as \"fewer than 5\".</footer>\n");
        End(html);
        return html.ToString();
    }

    private static IResult Page(int status, string title, string message)
    {
        var html = new StringBuilder();
        Start(html, title);
        html.Append("<h1>").Append(Encode(title)).Append("</h1>\n<p>").Append(Encode(message)).Append("</p>\n");
        End(html);
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static void Start(StringBuilder html, string title) =>
        html.Append("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"robots\" content=\"noindex\">\n<title>").Append(Encode(title)).Append("</title>\n<style>\n")
            .Append("@page { size: A4; margin: 18mm 16mm; }\n")
            .Append("body { font-family: Arial, Helvetica, sans-serif; font-size: 14pt; line-height: 1.5; color: #000; background: #fff; max-width: 178mm; margin: 0 auto; padding: 1em; }\n")
            .Append("h1 { font-size: 22pt; margin: 0 0 0.5em; }\nh2 { font-size: 15pt; margin: 1.2em 0 0.3em; border-bottom: 1px solid #999; }\n")
            .Append("dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0; }\ndl.facts dt { font-weight: bold; }\ndl.facts dd { margin: 0; }\n")
            .Append("section { break-inside: avoid; }\nfooter { margin-top: 2em; font-size: 11pt; color: #333; }\n")
            .Append("@media print { body { padding: 0; } }\n</style>\n</head>\n<body>\n");

    private static void End(StringBuilder html) => html.Append("</body>\n</html>\n");

    private static void Fact(StringBuilder html, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            html.Append("<dt>").Append(Encode(name)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
