using System.Globalization;
using LearningBot.BotHost;

namespace LearningBot.Digest.Print;

/// <summary>
/// Links to an edition's printable page. A sent edition's page is public and never expires (it holds no personal data);
/// a draft is not public, so editors reach its print preview only through a signed link that expires, signed with the
/// deployment's key and a purpose label of its own.
/// </summary>
public sealed class DigestPrintLinks(PublicLinks links)
{
    public const string Path = "/digest/editions/{number}/print";
    public const string LargePrint = "large";
    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromDays(3);
    private const string Purpose = "digest-draft-print";

    private readonly SignedLinks _signer = links.Signer(Purpose);

    public static string PathOf(int number, bool large = false) =>
        $"/digest/editions/{number.ToString(CultureInfo.InvariantCulture)}/print{(large ? "?size=" + LargePrint : string.Empty)}";

    /// <summary>The full public link to a sent edition's page, or empty when the bot does not know its address.</summary>
    public string Public(int number, bool large = false) =>
        links.CurrentBaseUrl is { } baseUrl ? baseUrl.TrimEnd('/') + PathOf(number, large) : string.Empty;

    /// <summary>The full signed link to an edition's print preview (any status), or empty when the bot does not know its address.</summary>
    public string Preview(int number) =>
        links.CurrentBaseUrl is { } baseUrl ? baseUrl.TrimEnd('/') + PreviewPathAndQuery(number, _signer.ExpiresAfter(PreviewLifetime)) : string.Empty;

    public string PreviewPathAndQuery(int number, long expiresUnixSeconds) =>
        $"{PathOf(number)}?{_signer.Query(IdOf(number), expiresUnixSeconds)}";

    public SignedLinkCheck Check(int number, string? exp, string? sig) => _signer.Check(IdOf(number), exp, sig);

    private static string IdOf(int number) => number.ToString(CultureInfo.InvariantCulture);
}
