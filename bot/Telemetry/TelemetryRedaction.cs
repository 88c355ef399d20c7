using System.Text;
using System.Text.RegularExpressions;
using LearningBot.Calendar;
using LearningBot.Privacy;

namespace LearningBot.Telemetry;

/// <summary>
/// Turns URLs and free text into forms without ids, names or message text, for telemetry. Used by
/// <see cref="SpanRedactionProcessor"/> and <see cref="LogRedactionProcessor"/>, the one place where telemetry is redacted.
/// </summary>
/// <remarks>
/// URLs keep scheme, host, port and a path template: Bot Connector and Graph ids become <c>{id}</c>
/// (<c>/v3/conversations/{id}/activities/{id}</c>), Table entity keys become <c>{keys}</c>
/// (<c>/Questions({keys})</c>), and any segment that looks like an id (has <c>@ : % = '</c>, a GUID, a long run of
/// digits, or is long) becomes <c>{id}</c>. Query strings, fragments and user info are dropped.
/// </remarks>
public static partial class TelemetryRedaction
{
    public const string Id = "{id}";
    public const string Keys = "{keys}";
    public const string Value = "{value}";
    public const string Email = "{email}";
    public const string Number = "{n}";
    public const string Token = "{token}";

    private const int MaxSegmentLength = 40;
    private const int MaxTextLength = 2000;

    /// <summary>An absolute URL as <c>scheme://host:port/path-template</c>; a relative one as a path template.</summary>
    public static string Url(string url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return url;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            var authority = uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
            return authority + Path(uri.AbsolutePath);
        }

        return url.StartsWith('/') ? Path(url) : Text(url);
    }

    /// <summary>A path (query and fragment dropped) with ids replaced.</summary>
    public static string Path(string path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path;
        }

        var end = path.IndexOfAny(['?', '#']);
        if (end >= 0)
        {
            path = path[..end];
        }

        var segments = path.Split('/');
        // After a REST API's version segment, ids sit at every second place: v3/conversations/{id}/activities/{id},
        // v1.0/users/{id}/manager, v1.0/teams/{id}/channels/{id}.
        var versionAt = -1;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (versionAt < 0 && IsApiVersion(segment))
            {
                versionAt = i;
                continue;
            }

            if (segment.Length == 0)
            {
                continue;
            }

            if (versionAt >= 0 && (i - versionAt) % 2 == 0)
            {
                segments[i] = Id;
                continue;
            }

            segments[i] = Segment(segment);
        }

        return string.Join('/', segments);
    }

    /// <summary>
    /// Text from a service, the wire or configuration (span status descriptions and tag values): URLs become templates;
    /// bearer tokens, JWTs and <c>sig=</c>, <c>key=</c>, <c>AccountKey=</c> style secrets, quoted values, e-mail
    /// addresses, GUIDs, Teams ids and long numbers are replaced; an Azure error's response content and headers are cut
    /// off. It cannot recognise a bare name: text that may carry what people typed goes through <see cref="FreeText"/>.
    /// </summary>
    public static string Text(string? text) => Redact(text, Rules.Machine);

    /// <summary>
    /// As <see cref="Text"/>, then the personal data scrubber over what is left between the URLs (names after a title
    /// or "patient", phone, NHS and hospital numbers, addresses, dates of care): for log messages and exception messages,
    /// which may echo a card's typed text or a stored entity.
    /// </summary>
    public static string FreeText(string? text) => Redact(text, Rules.Machine | Rules.Personal);

    [Flags]
    private enum Rules
    {
        Secrets = 1,

        /// <summary>E-mail addresses, GUIDs, Teams ids and long numbers.</summary>
        Ids = 2,
        Quoted = 8,
        Machine = Secrets | Ids | Quoted,
        Personal = 4,
    }

    private static string Redact(string? text, Rules rules)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        // Azure.RequestFailedException: "Status: 404 (Not Found)\nErrorCode: ...\n\nContent:\n...\n\nHeaders:\n..."
        foreach (var marker in (ReadOnlySpan<string>)["\nContent:", "\nHeaders:"])
        {
            var cut = text.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                text = text[..cut];
            }
        }

        if (text.Length > MaxTextLength)
        {
            text = text[..MaxTextLength];
        }

        // URLs are templated on their own; the other rules apply to the text between them.
        var builder = new StringBuilder(text.Length);
        var at = 0;
        foreach (var match in UrlPattern().EnumerateMatches(text))
        {
            var url = TrimUrlEnd(text.AsSpan(match.Index, match.Length));
            builder.Append(Plain(text[at..match.Index], rules)).Append(Url(url));
            at = match.Index + url.Length;
        }

        return builder.Append(Plain(text[at..], rules)).ToString();
    }

    private static string Plain(string text, Rules rules)
    {
        if (text.Length == 0)
        {
            return text;
        }

        if (rules.HasFlag(Rules.Secrets))
        {
            text = SchemeTokenPattern().Replace(text, match => (match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value) + " " + Token);
            text = JwtPattern().Replace(text, Token);
            text = SecretPattern().Replace(text, match => match.Groups[1].Value + "=" + Value);
        }

        if (rules.HasFlag(Rules.Quoted))
        {
            text = QuotedPattern().Replace(text, match => match.Value[0] + Value + match.Value[^1]);
        }

        if (rules.HasFlag(Rules.Ids))
        {
            text = EmailPattern().Replace(text, Email);
            text = GuidPattern().Replace(text, Id);
            text = TeamsIdPattern().Replace(text, Id);
            text = LongNumberPattern().Replace(text, Number);
        }

        if (rules.HasFlag(Rules.Personal) && MayCarryPersonalData(text))
        {
            // Untrimmed (unlike ScrubbedText), so the text still joins up with the URLs around it.
            text = PersonalDataScrubber.Replace(text, UkTime.Today(DateTimeOffset.UtcNow), ScrubMarking.Labelled).Text;
        }

        return text;
    }

    /// <summary>
    /// False for a single word without digits (an error code, an activity type): nothing the scrubber finds beyond
    /// the rules above fits in one, as a name needs the word before it and every number has digits.
    /// </summary>
    private static bool MayCarryPersonalData(string text)
    {
        foreach (var character in text)
        {
            if (char.IsWhiteSpace(character) || char.IsDigit(character) || char.IsNumber(character))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A URL found in text, without the punctuation that closes the sentence or the quotes around it.</summary>
    private static string TrimUrlEnd(ReadOnlySpan<char> url)
    {
        while (url.Length > 0)
        {
            var last = url[^1];
            var unbalanced = last == ')' && url.Count('(') < url.Count(')');
            if (last is '.' or ',' or ';' or ':' or '!' or '?' or '\'' || unbalanced)
            {
                url = url[..^1];
                continue;
            }

            break;
        }

        return url.ToString();
    }

    /// <summary>True for a URL-like tag value worth templating.</summary>
    internal static bool LooksLikeUrl(string value) =>
        value.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when a value may carry an id: cheap checks first, so ordinary tag values cost one scan.</summary>
    internal static bool MayCarryId(string value)
    {
        foreach (var character in value)
        {
            if (character is '@' or ':' or '/' or '\'' or '"' || char.IsDigit(character))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsApiVersion(string segment) =>
        segment.Equals("v3", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("v1.0", StringComparison.OrdinalIgnoreCase)
        || segment.Equals("beta", StringComparison.OrdinalIgnoreCase);

    private static string Segment(string segment)
    {
        // Table storage: Questions(PartitionKey='…',RowKey='…'), Tables('name').
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && segment.EndsWith(')'))
        {
            var name = segment[..open];
            return (IsIdLike(name) ? Id : name) + (open + 2 == segment.Length ? "()" : "(" + Keys + ")");
        }

        return IsIdLike(segment) ? Id : segment;
    }

    private static bool IsIdLike(string segment)
    {
        if (segment.Length > MaxSegmentLength || Guid.TryParse(segment, out _))
        {
            return true;
        }

        var digits = 0;
        foreach (var character in segment)
        {
            if (character is '@' or ':' or '%' or '=' or '\'' or '"' or ',' or ';' or '+' or ' ' or '~' || char.IsControl(character))
            {
                return true;
            }

            if (char.IsDigit(character) && ++digits >= 4)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"https?://[^\s""<>\[\]{}]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();

    /// <summary>
    /// An HTTP authorization value: <c>Bearer</c> and 16 characters or more, <c>Basic dXNlcjpw…</c> or
    /// <c>SharedKey acct:c2ln…</c> (8 or more, with a digit, <c>+ / = :</c> or a capital inside, so that a course
    /// such as "Basic life support" keeps its name).
    /// </summary>
    [GeneratedRegex(
        @"\b([Bb]earer)\s+[A-Za-z0-9\-._~+/]{16,}=*|\b(Basic|SharedKey)\s+(?=[A-Za-z0-9+/:]*[0-9+/=:]|[A-Za-z]+[A-Z])[A-Za-z0-9\-._~+/:]{8,}=*",
        RegexOptions.CultureInvariant)]
    private static partial Regex SchemeTokenPattern();

    /// <summary>A JWT or JWS on its own: base64url JSON header (<c>eyJ</c>), payload and signature.</summary>
    [GeneratedRegex(@"\beyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]*)?", RegexOptions.CultureInvariant)]
    private static partial Regex JwtPattern();

    /// <summary>
    /// A secret given as <c>name=value</c> outside a URL: a signed link's or SAS's <c>sig=</c>, a connection string's
    /// <c>AccountKey=</c>, OAuth's <c>code=</c> and <c>access_token=</c>, and the like.
    /// </summary>
    [GeneratedRegex(
        @"\b(sig|signature|se|skoid|sktid|skt|ske|sks|skv|sv|token|access_token|id_token|refresh_token|client_secret|code|key|apikey|api_key|password|pwd|secret|AccountKey|SharedAccessKey|SharedAccessSignature)=[^\s&;,'""<>]+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretPattern();

    [GeneratedRegex(@"'[^'\r\n]{1,500}'|""[^""\r\n]{1,500}""", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\b", RegexOptions.CultureInvariant)]
    private static partial Regex GuidPattern();

    /// <summary>Teams and Bot Framework ids: 29:…, 28:…, 19:…@thread.tacv2, a:…, f:…, 8:orgid:… (not times such as 00:00:05).</summary>
    [GeneratedRegex(@"\b[0-9a-z]{1,2}:(?=[^\s'"",;()<>\[\]{}]*[A-Za-z_@\-])[^\s'"",;()<>\[\]{}]+", RegexOptions.CultureInvariant)]
    private static partial Regex TeamsIdPattern();

    [GeneratedRegex(@"\d[\d \-]{5,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumberPattern();
}
