using System.Text;
using LearningBot.BotHost;
using LearningBot.Connector.Hosting;
using LearningBot.FeedbackSignals;
using LearningBot.OneStopShop.Escalation;
using Microsoft.Extensions.Options;

namespace LearningBot.Digest.Print;

/// <summary>
/// <c>GET /digest/editions/{number}/print</c> (<c>?size=large</c> for large print): a sent edition as a clean A4 page,
/// public and stable, so a browser's own "Save as PDF" or print gives the paper edition. Anything not yet sent is not
/// found, unless the link is an editor's signed print preview. Everything from people is HTML-encoded.
/// </summary>
public sealed class DigestPrintPage : IEndpointFeature
{
    /// <summary>How long browsers and proxies may keep a sent edition's page without asking again: it never changes once sent.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromDays(7);

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGet(DigestPrintLinks.Path, HandleAsync);

    public static async Task<IResult> HandleAsync(
        string number, string? size, string? exp, string? sig, DigestPrintLinks links, DigestEditionStore store, IOptions<DigestPrintOptions> options,
        AnswerDeadline deadline, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(http);
        var large = string.Equals(size, DigestPrintLinks.LargePrint, StringComparison.OrdinalIgnoreCase);
        var edition = int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
            ? await store.FindAsync(n, cancellationToken)
            : null;
        if (exp is not null || sig is not null)
        {
            return Preview(edition, n, exp, sig, large, links, options.Value, deadline.DescribePromise(), http);
        }

        PrintableHtml.PublicHeaders(http.Response);
        if (edition is not { Status: DigestStatus.Sent })
        {
            // It may be sent later, when this address starts to work: nobody may keep the "not found".
            http.Response.Headers.CacheControl = "no-cache";
            return NotFound();
        }

        var tag = $"\"edition-{edition.Number}-v{edition.Version}-{(large ? "large" : "standard")}\"";
        http.Response.Headers.CacheControl = $"public, max-age={(int)CacheFor.TotalSeconds}";
        http.Response.Headers.ETag = tag;
        http.Response.Headers.LastModified = edition.UpdatedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return http.Request.Headers.IfNoneMatch.ToString() == tag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : PrintableHtml.Page(Render(edition, large, options.Value, deadline.DescribePromise(), links.Public(edition.Number, large)));
    }

    /// <summary>The edition as a printable page; <paramref name="address"/> (its public link) goes in the footer when there is one.</summary>
    public static string Render(DigestEdition edition, bool large, DigestPrintOptions contact, string answerWithin, string address = "", bool isPreview = false)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(contact);
        var title = $"Learning digest: {edition.Title}";
        var html = PrintableHtml.Start(large ? $"{title} (large print)" : title, large ? DigestPrintStyle.Large : DigestPrintStyle.Standard, noIndex: isPreview)
            .Append("<header>\n");
        if (isPreview)
        {
            html.Append("<p class=\"notice\"><strong>Print preview: not sent yet.</strong> This is a draft and may still change. Please do not print it for readers.</p>\n");
        }

        html.Append("<h1>").Append(PrintableHtml.Encode(title)).Append("</h1>\n<p class=\"period\">")
            .Append(PrintableHtml.Encode($"News from learning and development across our health and social care community, {DigestCards.Period(edition)}."))
            .Append("</p>\n</header>\n");
        AppendContents(html, edition);
        AppendItems(html, edition);
        html.Append("<div class=\"panels\">\n");
        AppendContact(html, contact, answerWithin);
        AppendResponsibilities(html);
        html.Append("</div>\n");
        html.Append("<footer><p>").Append(PrintableHtml.Encode($"Learning digest, {edition.Title}, {DigestCards.Period(edition)}. Please put it up where colleagues without a computer will see it, or pass it on."));
        if (address.Length > 0)
        {
            html.Append(" This edition online: ").Append(PrintableHtml.Encode(InWords(address))).Append('.');
        }

        return html.Append(large ? string.Empty : " A large-print edition is available: ask the one-stop shop.").Append("</p></footer>\n").End();
    }

    /// <summary>An address without its scheme, so it reads as words ("learning.example.org/sets").</summary>
    public static string InWords(string link) =>
        link.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? link["https://".Length..].TrimEnd('/')
        : link.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? link["http://".Length..].TrimEnd('/')
        : link;

    private static IResult Preview(DigestEdition? edition, int number, string? exp, string? sig, bool large, DigestPrintLinks links, DigestPrintOptions contact, string answerWithin, HttpContext http)
    {
        PrintableHtml.PrivateHeaders(http.Response);
        if (PrintableHtml.RefusedLink(links.Check(number, exp, sig), "Open the edition in Teams and press Print preview for a new link.") is { } refused)
        {
            return refused;
        }

        return edition is null ? NotFound() : PrintableHtml.Page(Render(edition, large, contact, answerWithin, isPreview: edition.Status != DigestStatus.Sent));
    }

    private static IResult NotFound() =>
        PrintableHtml.Message(StatusCodes.Status404NotFound, "Edition not found", "There is no printed edition at this address. Editions can be printed once they have been sent.");

    private static void AppendContents(StringBuilder html, DigestEdition edition)
    {
        if (edition.Items.Count == 0)
        {
            html.Append("<p>This edition has no items.</p>\n");
            return;
        }

        html.Append("<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">In this edition</h2>\n<ul class=\"contents\">\n");
        foreach (var item in edition.Items)
        {
            html.Append("<li>").Append(PrintableHtml.Encode(item.Shown().Headline)).Append("</li>\n");
        }

        html.Append("</ul>\n</nav>\n");
    }

    private static void AppendItems(StringBuilder html, DigestEdition edition)
    {
        string? section = null;
        foreach (var item in edition.Items)
        {
            if (item.Section != section)
            {
                html.Append(section is null ? string.Empty : "</section>\n").Append("<section>\n<h2>").Append(PrintableHtml.Encode(item.Section)).Append("</h2>\n");
                section = item.Section;
            }

            var (headline, text, link) = item.Shown();
            html.Append("<article>\n<h3>").Append(PrintableHtml.Encode(headline)).Append("</h3>\n");
            if (AboutLine(item) is { Length: > 0 } about)
            {
                html.Append("<p class=\"about\">").Append(PrintableHtml.Encode(about)).Append("</p>\n");
            }

            foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                html.Append("<p>").Append(PrintableHtml.Encode(paragraph)).Append("</p>\n");
            }

            if (link.Length > 0)
            {
                // The address is the link's words, so it reads the same on paper as on screen.
                html.Append("<p class=\"more\">Find out more: <a href=\"").Append(PrintableHtml.Encode(link)).Append("\">")
                    .Append(PrintableHtml.Encode(InWords(link))).Append("</a></p>\n");
            }

            html.Append("</article>\n");
        }

        html.Append(section is null ? string.Empty : "</section>\n");
    }

    private static string AboutLine(DigestItem item) =>
        string.Join(". ", new[]
        {
            item.Kind == DigestItemKinds.TeamItem ? DigestItemKinds.CategoryTitle(item.Category) : string.Empty,
            item.OrganisationKind.Length == 0 ? string.Empty : $"For: {SignalChoices.OrganisationKinds.TitleOf(item.OrganisationKind)}",
        }.Where(part => part.Length > 0));

    private static void AppendContact(StringBuilder html, DigestPrintOptions contact, string answerWithin) =>
        html.Append("<section class=\"panel\" aria-labelledby=\"contact\">\n<h2 id=\"contact\">Contact the one-stop shop</h2>\n")
            .Append("<p>The one-stop shop is the first place to go for advice on learning and development, whoever you work or volunteer for. No computer needed.</p>\n")
            .Append("<dl class=\"facts\">\n")
            .Fact("Phone", $"{contact.Phone} (office hours)")
            .Fact("Post", contact.PostalAddress)
            .Fact("In person", "Ask your manager or volunteer coordinator to contact the one-stop shop for you.")
            .Fact("In Teams", "Chat with the one-stop shop.")
            .Append("</dl>\n<p>").Append(PrintableHtml.Encode($"You will get a reply from a named person, normally within {answerWithin}."))
            .Append(" Large-print copies of this newsletter are available, and it can be posted to you.</p>\n</section>\n");

    private static void AppendResponsibilities(StringBuilder html) =>
        html.Append("<section class=\"panel\" aria-labelledby=\"responsibilities\">\n<h2 id=\"responsibilities\">Your responsibilities for learning</h2>\n<ul>\n")
            .Append("<li>Everyone is responsible for their own learning, with support from their manager. The one-stop shop is there to make that easier.</li>\n")
            .Append("<li>Agree what you would like to learn next at your Five Minute Review: regular, friendly check-ins with your manager or coordinator.</li>\n")
            .Append("<li>Keep a record of the training you complete, so it is recognised rather than repeated if you move to another organisation or into paid work.</li>\n")
            .Append("<li>When you share learning, leave out anything that could identify a patient, a service user or a colleague.</li>\n")
            .Append("</ul>\n</section>\n");
}
