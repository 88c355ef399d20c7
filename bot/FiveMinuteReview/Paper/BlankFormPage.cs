using System.Text;
using LearningBot.BotHost;
using LearningBot.Connector.Hosting;

namespace LearningBot.FiveMinuteReview.Paper;

/// <summary>
/// <c>GET /reviews/form/print</c> (<c>?size=large</c> for large print): the blank Five Minute Review form, for a review
/// away from a computer. Public and the same for everyone (nothing personal is on it): the four steps with space to
/// write, the fixed choices as tick boxes, and boxes to sign; A4, black on white, 12 pt (16 pt in large print).
/// </summary>
public sealed class BlankFormPage : IEndpointFeature
{
    public const string Path = "/reviews/form/print";
    public const string LargePrint = "large";

    /// <summary>The form changes only with a new version of the bot.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromDays(1);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGet(Path, Handle);

    public static IResult Handle(string? size, HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        PrintableHtml.PublicHeaders(http.Response);
        http.Response.Headers.CacheControl = $"public, max-age={(int)CacheFor.TotalSeconds}";
        return PrintableHtml.Page(Render(string.Equals(size, LargePrint, StringComparison.OrdinalIgnoreCase)));
    }

    public static string Render(bool large)
    {
        var html = PrintableHtml.Start(large ? "Five Minute Review form (large print)" : "Five Minute Review form",
            large ? BlankFormStyle.Large : BlankFormStyle.Standard, noIndex: false);
        html.Append("<h1>Five Minute Review</h1>\n")
            .Append("<p>A short, regular conversation about how things are going, objectives and learning. Write as much or as little as you need. ")
            .Append("Keep to facts about work: please leave out anything that could identify a patient or service user.</p>\n")
            .Append("<div class=\"details\">\n");
        Field(html, "Name");
        Field(html, "Role");
        Field(html, "Reviewed by");
        Field(html, "Date held");
        html.Append("</div>\n");

        Section(html, "Step 1: feedback");
        Prompt(html, "What has gone well since last time? What did they do, and what difference did it make?", lines: 3);
        Prompt(html, "What could be even better?", lines: 2);
        End(html);

        Section(html, "Step 2: their view");
        Prompt(html, "What is helping, what gets in the way, and what do they need from you?", lines: 3);
        Prompt(html, "Objectives from last time: how did each go (done, partly done, not yet, no longer needed)?", lines: 2);
        End(html);

        Section(html, "Step 3: objectives until next time");
        html.Append("<p>One to three small, clear objectives.</p>\n<table class=\"objectives\">\n<thead><tr><th scope=\"col\">What</th><th scope=\"col\">By when</th>")
            .Append("<th scope=\"col\">How we will know</th></tr></thead>\n<tbody>\n");
        for (var n = 1; n <= ReviewChoices.MaxObjectives; n++)
        {
            html.Append("<tr><td><span class=\"number\">").Append(n).Append(".</span></td><td></td><td></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        End(html);

        Section(html, "Step 4: learning and how things are going");
        Ticks(html, "Would like to learn about (tick any):", ReviewChoices.LearningNeeds, columns: true);
        Ticks(html, "Ways to learn (tick any):", ReviewChoices.LearningApproaches, columns: true);
        Ticks(html, "Overall (tick one):", ReviewChoices.Overall, columns: false);
        Ticks(html, "Wellbeing (tick one):", ReviewChoices.Wellbeing, columns: false);
        Prompt(html, "Anything to follow up:", lines: 1);
        Field(html, "Next review by");
        End(html);

        html.Append("<section class=\"signed\">\n<h2>Signed</h2>\n<div class=\"boxes\">\n");
        SignBox(html, "Person reviewed");
        SignBox(html, "Manager or volunteer coordinator");
        html.Append("</div>\n</section>\n");
        return html.Append("<footer><p>Afterwards, the manager records this review in Teams (type <strong>record paper review</strong> to LearningBot) ")
            .Append("so it counts and the next one is remembered. Once filled in, this form is private to the two of you: keep it safe as your organisation asks.</p></footer>\n")
            .End();
    }

    private static void Section(StringBuilder html, string title) =>
        html.Append("<section>\n<h2>").Append(PrintableHtml.Encode(title)).Append("</h2>\n");

    private static void End(StringBuilder html) => html.Append("</section>\n");

    private static void Field(StringBuilder html, string label) =>
        html.Append("<p class=\"field\">").Append(PrintableHtml.Encode(label)).Append(":<span class=\"blank\"></span></p>\n");

    private static void Prompt(StringBuilder html, string prompt, int lines)
    {
        html.Append("<p class=\"prompt\">").Append(PrintableHtml.Encode(prompt)).Append("</p>\n<div class=\"write\">");
        for (var i = 0; i < lines; i++)
        {
            html.Append("<span></span>");
        }

        html.Append("</div>\n");
    }

    private static void Ticks(StringBuilder html, string prompt, IEnumerable<Choice> choices, bool columns)
    {
        html.Append("<p class=\"prompt\">").Append(PrintableHtml.Encode(prompt)).Append("</p>\n<ul class=\"ticks").Append(columns ? " columns" : string.Empty).Append("\">\n");
        foreach (var choice in choices)
        {
            html.Append("<li><span class=\"box\"></span>").Append(PrintableHtml.Encode(choice.Title)).Append("</li>\n");
        }

        html.Append("</ul>\n");
    }

    private static void SignBox(StringBuilder html, string who) =>
        html.Append("<div class=\"box-sign\">\n<p><strong>").Append(PrintableHtml.Encode(who)).Append("</strong></p>\n")
            .Append("<p class=\"field\">Signature:<span class=\"blank\"></span></p>\n<p class=\"field\">Date:<span class=\"blank\"></span></p>\n</div>\n");
}

/// <summary>
/// The blank form's style on top of the shared printable one: black on white (nothing told by colour, and it copies well
/// on any photocopier), lines to write on drawn as borders so they print without background graphics, 12 pt body text
/// (16 pt in large print). The standard form fits on two sides of A4.
/// </summary>
public static class BlankFormStyle
{
    private const string Shared =
        "@page { size: A4; margin: 14mm 14mm 14mm; }\n"
        + "body { color: #000; background: #fff; line-height: 1.3; }\n"
        + "h1, h2 { color: #000; break-after: avoid; page-break-after: avoid; }\n"
        + "h1 { margin: 0 0 0.2em; }\n"
        + "h2 { border-bottom: 2px solid #000; margin: 0.7em 0 0.3em; }\n"
        + "p { margin: 0.3em 0 0.1em; }\n"
        + "section { break-inside: auto; }\n"
        + ".prompt { font-weight: bold; break-after: avoid; page-break-after: avoid; }\n"
        + ".details { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5em; margin-top: 0.5em; }\n"
        + ".field { display: flex; align-items: flex-end; gap: 0.4em; margin: 0.5em 0 0; }\n"
        + ".blank { flex: 1; border-bottom: 1px solid #000; min-height: 1.3em; }\n"
        + ".write { break-inside: avoid; page-break-inside: avoid; }\n"
        + ".write span { display: block; height: 1.7em; border-bottom: 1px solid #000; }\n"
        + "table.objectives { width: 100%; border-collapse: collapse; break-inside: avoid; page-break-inside: avoid; }\n"
        + "table.objectives th, table.objectives td { border: 1px solid #000; text-align: left; vertical-align: top; padding: 0.2em 0.4em; color: #000; }\n"
        + "table.objectives td { height: 3.4em; }\n"
        + "table.objectives th:first-child { width: 45%; }\n"
        + "table.objectives th:nth-child(2) { width: 18%; }\n"
        + "ul.ticks { list-style: none; margin: 0.2em 0 0.3em; padding: 0; }\n"
        + "ul.ticks li { break-inside: avoid; margin: 0.15em 0; display: flex; align-items: flex-start; gap: 0.4em; }\n"
        + ".box { flex: none; display: inline-block; width: 0.85em; height: 0.85em; border: 1.5px solid #000; margin-top: 0.15em; }\n"
        + ".boxes { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; break-inside: avoid; page-break-inside: avoid; }\n"
        + ".box-sign { border: 2px solid #000; padding: 0.3em 0.7em 0.7em; }\n"
        + ".box-sign .field { margin-top: 1.1em; }\n"
        + "section.signed { break-inside: avoid; page-break-inside: avoid; }\n"
        + "footer { color: #000; margin-top: 1em; }\n"
        + "@media print { body { max-width: none; } }\n";

    /// <summary>12 pt body text, with the longer tick lists in three columns.</summary>
    public const string Standard = Shared
        + "body { font-size: 12pt; }\nh1 { font-size: 20pt; }\nh2 { font-size: 14pt; }\nfooter { font-size: 12pt; }\n"
        + "ul.ticks.columns { columns: 3; column-gap: 1.2em; }\n";

    /// <summary>16 pt body text and larger headings, as large-print guidance asks; tick lists in two columns.</summary>
    public const string Large = Shared
        + "body { font-size: 16pt; line-height: 1.4; }\nh1 { font-size: 26pt; }\nh2 { font-size: 20pt; }\nfooter { font-size: 16pt; }\n"
        + "ul.ticks.columns { columns: 2; column-gap: 1.5em; }\n.details { grid-template-columns: 1fr; }\n"
        + ".boxes { grid-template-columns: 1fr; }\n";
}
