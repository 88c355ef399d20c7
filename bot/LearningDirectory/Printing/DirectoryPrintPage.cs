using System.Globalization;
using System.Text;
using LearningBot.BotHost;
using LearningBot.Calendar;
using LearningBot.Connector.Hosting;
using LearningBot.Digest.Print;
using LearningBot.LearningDirectory.Finding;
using Microsoft.Extensions.Options;

namespace LearningBot.LearningDirectory.Printing;

/// <summary>
/// <c>GET /learning-directory/print/{month}/{kind}</c> (signed; <c>?size=large</c> for large print): the month's
/// sessions of the offers open to that kind of organisation's staff, grouped by topic, as a clean A4 page in the
/// printed digest's style, with every way to book written out for people without a computer. Sessions already past,
/// cancelled or in another month are left out.
/// </summary>
public sealed class DirectoryPrintPage : IEndpointFeature
{
    private const string Style =
        "article { break-inside: avoid; page-break-inside: avoid; margin-bottom: 0.6em; }\n"
        + "dd, li { overflow-wrap: anywhere; }\n"
        + "ul.dates { margin: 0.2em 0 0.4em; padding-left: 1.2em; }\n"
        + ".dates-title { font-weight: bold; margin: 0.3em 0 0; }\n";

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapGet(DirectoryPrintLinks.Path, HandleAsync);

    public static async Task<IResult> HandleAsync(
        string month, string kind, string? size, string? exp, string? sig, DirectoryPrintLinks links, ICourseCatalogue catalogue,
        IOptions<DigestPrintOptions> contact, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(http);
        PrintableHtml.PrivateHeaders(http.Response);
        if (DirectoryPrintRequest.FromKeys(month, kind) is not { } request)
        {
            return PrintableHtml.Message(StatusCodes.Status404NotFound, "Page not found", "There is no printable directory at this address. Type print directory to the bot in Teams for a link.");
        }

        if (PrintableHtml.RefusedLink(links.Check(request, exp, sig), "Type print directory to the bot in Teams for a new link.") is { } refused)
        {
            return refused;
        }

        var large = string.Equals(size, DirectoryPrintLinks.LargePrint, StringComparison.OrdinalIgnoreCase);
        return PrintableHtml.Page(Render(await catalogue.CurrentAsync(cancellationToken), request, large, clock.GetUtcNow(), contact.Value.Phone));
    }

    /// <param name="now">Sessions that start before it are not printed; the footer gives its date as the day printed.</param>
    /// <param name="phone">The one-stop shop's phone number, for help with booking.</param>
    public static string Render(IReadOnlyList<CourseListing> listings, DirectoryPrintRequest request, bool large, DateTimeOffset now, string phone)
    {
        ArgumentNullException.ThrowIfNull(listings);
        ArgumentNullException.ThrowIfNull(request);
        var shown = Shown(listings, request, now);
        var title = $"Learning directory: {request.MonthName}";
        var html = PrintableHtml.Start(large ? $"{title} (large print)" : title, (large ? DigestPrintStyle.Large : DigestPrintStyle.Standard) + Style)
            .Append("<header>\n<h1>").Append(PrintableHtml.Encode(title)).Append("</h1>\n<p class=\"period\">")
            .Append(PrintableHtml.Encode($"Courses with dates in {request.MonthName} open to {request.Audience}, and how to book them by phone or email. No computer needed."))
            .Append("</p>\n");
        if (shown.Any(group => group.Offers.Any(o => o.Listing.Offer.IsSample)))
        {
            html.Append("<p class=\"notice\">Courses marked <strong>Sample</strong> are examples to show how the directory works. They are not real courses yet.</p>\n");
        }

        html.Append("</header>\n");
        if (shown.Count == 0)
        {
            html.Append("<p>").Append(PrintableHtml.Encode($"No course in the directory has dates in {request.MonthName} open to {request.Audience} yet. Ask your manager or the one-stop shop about other ways to learn.")).Append("</p>\n");
        }

        foreach (var (topic, offers) in shown)
        {
            html.Append("<section>\n<h2>").Append(PrintableHtml.Encode(topic)).Append("</h2>\n");
            foreach (var (listing, sessions) in offers)
            {
                AppendOffer(html, listing.Offer, sessions, request);
            }

            html.Append("</section>\n");
        }

        html.Append("<section class=\"panel\" aria-labelledby=\"help\">\n<h2 id=\"help\">Help with booking</h2>\n<p>")
            .Append(PrintableHtml.Encode($"Book with the organisation that runs the course, using the phone number or email address under it. Your manager or volunteer coordinator can book for you. For help, phone the one-stop shop on {phone} (office hours)."))
            .Append("</p>\n</section>\n<footer><p>")
            .Append(PrintableHtml.Encode($"Learning directory for {request.Audience}, {request.MonthName}, printed on {UkTime.Local(now).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}. Dates and places can change: check when you book."));
        return html.Append(large ? string.Empty : " A large-print version is available: ask the one-stop shop.").Append("</p></footer>\n").End();
    }

    /// <summary>The offers open to the page's audience with sessions in its month still to come, grouped by topic.</summary>
    public static IReadOnlyList<(string Topic, IReadOnlyList<(CourseListing Listing, IReadOnlyList<CourseSession> Sessions)> Offers)> Shown(
        IReadOnlyList<CourseListing> listings, DirectoryPrintRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [.. listings
            .Where(l => !l.Offer.IsRetired && l.Offer.IsOpenTo(request.Kind))
            .Select(l => (Listing: l, Sessions: (IReadOnlyList<CourseSession>)[.. l.UpcomingSessions.Where(s => s.IsUpcoming(now) && InMonth(s, request.Month)).OrderBy(s => s.Starts)]))
            .Where(o => o.Sessions.Count > 0)
            .GroupBy(o => TopicOf(o.Listing.Offer), StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, (IReadOnlyList<(CourseListing, IReadOnlyList<CourseSession>)>)[.. g.OrderBy(o => o.Sessions[0].Starts)]))];
    }

    private static bool InMonth(CourseSession session, DateOnly month)
    {
        var local = UkTime.Local(session.Starts);
        return local.Year == month.Year && local.Month == month.Month;
    }

    /// <summary>The mandatory topic's name, or else the offer's first topic word, capitalised.</summary>
    private static string TopicOf(CourseOffer offer)
    {
        var topic = MandatoryTopics.IsKnown(offer.MandatoryTopic) ? MandatoryTopics.LabelOf(offer.MandatoryTopic!)
            : offer.Topics.FirstOrDefault(t => t.Length > 0) ?? offer.Title;
        return char.ToUpperInvariant(topic[0]) + topic[1..];
    }

    private static void AppendOffer(StringBuilder html, CourseOffer offer, IReadOnlyList<CourseSession> sessions, DirectoryPrintRequest request)
    {
        html.Append("<article>\n<h3>").Append(PrintableHtml.Encode(offer.Title)).Append("</h3>\n");
        if (offer.IsSample)
        {
            html.Append("<p class=\"about\">Sample: an example, not a real course yet.</p>\n");
        }

        html.Append("<p>").Append(PrintableHtml.Encode(offer.Summary)).Append("</p>\n<dl class=\"facts\">\n")
            .Fact("Run by", offer.Provider)
            .Fact("Who it's for", CourseWording.WhoFor(offer))
            .Fact("Format", CourseWording.Format(offer.Format))
            .Fact("Length", offer.Length)
            .Fact("Cost", CourseWording.Cost(offer))
            .Append("</dl>\n<p class=\"dates-title\">").Append(PrintableHtml.Encode($"Dates in {request.MonthName}")).Append("</p>\n<ul class=\"dates\">\n");
        foreach (var session in sessions)
        {
            html.Append("<li>").Append(PrintableHtml.Encode($"{CourseWording.When(session)}. {CourseWording.Where(session)}")).Append("</li>\n");
        }

        html.Append("</ul>\n<p class=\"more\">").Append(PrintableHtml.Encode(HowToBook(offer))).Append("</p>\n</article>\n");
    }

    /// <summary>Phone first, then email, then the web page in words: the order for someone without a computer.</summary>
    private static string HowToBook(CourseOffer offer)
    {
        var ways = new[]
        {
            offer.Booking.Phone is { Length: > 0 } phone ? $"phone {phone}" : null,
            offer.Booking.Email is { Length: > 0 } email ? $"email {email}" : null,
            offer.Booking.Url is { Length: > 0 } url ? $"online at {DigestPrintPage.InWords(url)}" : null,
        }.OfType<string>().ToList();
        var noComputer = offer.Booking.Phone is { Length: > 0 } || offer.Booking.Email is { Length: > 0 }
            ? string.Empty
            : " There is no phone number or email address for it: your manager or the one-stop shop can book it for you.";
        return $"To book: {string.Join(", or ", ways)}.{noComputer}";
    }
}
