using System.Net;
using System.Text;
using LearningBot.BotHost;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// <c>GET /reviews/{id}/print</c>: a clean A4 page of one review for people without Teams, reached only through a
/// signed link that expires. Everything from people is HTML-encoded.
/// </summary>
public static class PrintPage
{
    public static async Task<IResult> HandleAsync(string id, string? exp, string? sig, PrintLinks links, ReviewStore store, HttpContext http, CancellationToken cancellationToken)
    {
        // Private content: never cached by browsers or proxies, never leaked as a referrer, never framed.
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["Referrer-Policy"] = "no-referrer";
        http.Response.Headers.XFrameOptions = "DENY";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        switch (links.Check(id, exp, sig))
        {
            case SignedLinkCheck.Invalid:
                // Not valid can also mean signed with a key this bot no longer has: never suggest anyone changed it.
                return Page(StatusCodes.Status403Forbidden, "This link is not valid",
                    "This link is not valid. Please ask the manager who ran the review for a new link.");
            case SignedLinkCheck.Expired:
                return Page(StatusCodes.Status410Gone, "This link has expired",
                    "Printable links work for a few days only, to keep reviews private. Please ask the manager who ran the review for a new link.");
        }

        var review = await store.FindReviewAsync(id, cancellationToken);
        return review is null
            ? Page(StatusCodes.Status404NotFound, "Review not found", "This review is no longer available.")
            : Results.Content(Render(review), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status200OK);
    }

    public static string Render(ReviewEntity review)
    {
        var html = new StringBuilder();
        Start(html, $"Five Minute Review: {review.PersonName}");
        html.Append("<h1>Five Minute Review</h1>\n<dl class=\"facts\">\n");
        Fact(html, "Name", review.PersonName);
        Fact(html, "Role", review.PersonJobTitle);
        Fact(html, "Organisation", review.Organisation);
        Fact(html, "Reviewed by", review.ManagerName);
        Fact(html, "Date", review.ConfirmedAt is { } at ? ReviewDates.InWords(at) : null);
        Fact(html, "Next review", ReviewDates.InWords(review.NextReviewOn));
        html.Append("</dl>\n");
        foreach (var section in ReviewSummary.Sections(review))
        {
            html.Append("<section>\n<h2>").Append(Encode(section.Title)).Append("</h2>\n");
            foreach (var paragraph in section.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                html.Append("<p>").Append(Encode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("<section class=\"sign\">\n<h2>Signed</h2>\n<p>Reviewed person: ______________________ &nbsp; Date: ____________</p>\n")
            .Append("<p>Manager: ______________________ &nbsp; Date: ____________</p>\n</section>\n")
            .Append("<footer>Private: for the person reviewed and their manager only. Please keep it safe or shred it when no longer needed.</footer>\n");
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
            .Append("body { font-family: Arial, Helvetica, sans-serif; font-size: 12pt; line-height: 1.45; color: #000; background: #fff; max-width: 178mm; margin: 0 auto; padding: 1em; }\n")
            .Append("h1 { font-size: 20pt; margin: 0 0 0.5em; }\nh2 { font-size: 13pt; margin: 1.2em 0 0.3em; border-bottom: 1px solid #999; }\n")
            .Append("dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0; }\ndl.facts dt { font-weight: bold; }\ndl.facts dd { margin: 0; }\n")
            .Append("section { break-inside: avoid; }\n.sign p { margin: 1.4em 0; }\n")
            .Append("footer { margin-top: 2em; font-size: 10pt; color: #333; }\n")
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
