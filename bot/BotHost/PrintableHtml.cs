using System.Net;
using System.Text;

namespace LearningBot.BotHost;

/// <summary>
/// The shell every printable page shares: private-page headers, the A4 page start in large readable type, facts,
/// HTML-encoding, the end and the short page that says why there is nothing to show. A page adds only its own parts.
/// </summary>
public static class PrintableHtml
{
    private const string ContentType = "text/html; charset=utf-8";

    /// <summary>The type every page shares, before a page's own style.</summary>
    private const string BaseStyle =
        "@page { size: A4; margin: 18mm 16mm; }\n"
        + "body { font-family: Arial, Helvetica, sans-serif; font-size: 14pt; line-height: 1.5; color: #000; background: #fff; max-width: 178mm; margin: 0 auto; padding: 1em; }\n"
        + "h1 { font-size: 22pt; margin: 0 0 0.5em; }\nh2 { font-size: 15pt; margin: 1.2em 0 0.3em; border-bottom: 1px solid #999; }\n"
        + "dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.2em 1em; margin: 0; }\ndl.facts dt { font-weight: bold; }\ndl.facts dd { margin: 0; }\n"
        + "section { break-inside: avoid; }\nfooter { margin-top: 2em; font-size: 11pt; color: #333; }\n"
        + "@media print { body { padding: 0; } }\n";

    /// <summary>
    /// Private content: never cached by browsers or proxies, never leaked as a referrer, never framed, never sniffed
    /// as anything else.
    /// </summary>
    public static void PrivateHeaders(HttpResponse response)
    {
        PublicHeaders(response);
        response.Headers.CacheControl = "no-store";
        response.Headers.XFrameOptions = "DENY";
    }

    /// <summary>A page anyone may see and keep: still no referrer (the address may be passed on), never sniffed.</summary>
    public static void PublicHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.XContentTypeOptions = "nosniff";
    }

    /// <summary>
    /// Starts an A4 page: <paramref name="style"/> follows the shared style, so a page can add to it or override it.
    /// A private page asks search engines to keep away (<paramref name="noIndex"/>).
    /// </summary>
    public static StringBuilder Start(string title, string style = "", bool noIndex = true)
    {
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        if (noIndex)
        {
            html.Append("<meta name=\"robots\" content=\"noindex\">\n");
        }

        return html.Append("<title>").Append(Encode(title)).Append("</title>\n<style>\n")
            .Append(BaseStyle).Append(style).Append("</style>\n</head>\n<body>\n");
    }

    /// <summary>One name and value of a <c>dl class="facts"</c> list; nothing when there is no value.</summary>
    public static StringBuilder Fact(this StringBuilder html, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(html);
        return string.IsNullOrWhiteSpace(value)
            ? html
            : html.Append("<dt>").Append(Encode(name)).Append("</dt><dd>").Append(Encode(value)).Append("</dd>\n");
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Ends the page and returns it.</summary>
    public static string End(this StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>A finished page as the response.</summary>
    public static IResult Page(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, ContentType, Encoding.UTF8, status);

    /// <summary>The short page that says why there is nothing to show: a heading and one sentence.</summary>
    public static IResult Message(int status, string title, string sentence) =>
        Page(Start(title).Append("<h1>").Append(Encode(title)).Append("</h1>\n<p>").Append(Encode(sentence)).Append("</p>\n").End(), status);

    /// <summary>
    /// The page for a signed link that is not valid (403) or has expired (410), or null for a valid one.
    /// <paramref name="forANewLink"/> says where a person gets a new link.
    /// </summary>
    public static IResult? RefusedLink(SignedLinkCheck check, string forANewLink) => check switch
    {
        // Not valid can also mean signed with a key this bot no longer has: never suggest anyone changed it.
        SignedLinkCheck.Invalid => Message(StatusCodes.Status403Forbidden, "This link is not valid", $"This link is not valid. {forANewLink}"),
        SignedLinkCheck.Expired => Message(StatusCodes.Status410Gone, "This link has expired",
            $"Printable links work for a few days only, to keep what they show private. {forANewLink}"),
        _ => null,
    };
}
