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
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(http);
        PrintableHtml.PrivateHeaders(http.Response);
        if (PrintableHtml.RefusedLink(links.Check(id, exp, sig), "Please ask the manager who ran the review for a new link.") is { } refused)
        {
            return refused;
        }

        var review = await store.FindReviewAsync(id, cancellationToken);
        return review is null
            ? PrintableHtml.Message(StatusCodes.Status404NotFound, "Review not found", "This review is no longer available.")
            : PrintableHtml.Page(Render(review));
    }

    public static string Render(ReviewEntity review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var html = PrintableHtml.Start($"Five Minute Review: {review.PersonName}", ".sign p { margin: 1.4em 0; }\n")
            .Append("<h1>Five Minute Review</h1>\n<dl class=\"facts\">\n")
            .Fact("Name", review.PersonName)
            .Fact("Role", review.PersonJobTitle)
            .Fact("Organisation", review.Organisation)
            .Fact("Reviewed by", review.ManagerName)
            .Fact("Date", review.ConfirmedAt is { } at ? ReviewDates.InWords(at) : null)
            .Fact("Next review", ReviewDates.InWords(review.NextReviewOn))
            .Append("</dl>\n");
        foreach (var section in ReviewSummary.Sections(review))
        {
            html.Append("<section>\n<h2>").Append(PrintableHtml.Encode(section.Title)).Append("</h2>\n");
            foreach (var paragraph in section.Text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
            {
                html.Append("<p>").Append(PrintableHtml.Encode(paragraph).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</p>\n");
            }

            html.Append("</section>\n");
        }

        return html.Append("<section class=\"sign\">\n<h2>Signed</h2>\n<p>Reviewed person: ______________________ &nbsp; Date: ____________</p>\n")
            .Append("<p>Manager: ______________________ &nbsp; Date: ____________</p>\n</section>\n")
            .Append("<footer>Private: for the person reviewed and their manager only. Please keep it safe or shred it when no longer needed.</footer>\n")
            .End();
    }
}
