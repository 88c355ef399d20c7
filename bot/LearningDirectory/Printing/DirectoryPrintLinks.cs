using LearningBot.BotHost;

namespace LearningBot.LearningDirectory.Printing;

/// <summary>
/// Signed links to a printable directory page, with a purpose label of their own. The page holds no personal data,
/// but it lists what organisations offer their own staff, so it is reached only from Teams and the link expires.
/// </summary>
public sealed class DirectoryPrintLinks(PublicLinks links)
{
    public const string Path = "/learning-directory/print/{month}/{kind}";
    public const string LargePrint = "large";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(31);
    private const string Purpose = "directory-print";

    private readonly SignedLinks _signer = links.Signer(Purpose);

    /// <summary>The full signed link, or empty when the bot does not know its own address.</summary>
    public string For(DirectoryPrintRequest request, bool large = false) =>
        links.CurrentBaseUrl is { } baseUrl
            ? baseUrl.TrimEnd('/') + PathAndQuery(request, _signer.ExpiresAfter(Lifetime), large)
            : string.Empty;

    public string PathAndQuery(DirectoryPrintRequest request, long expiresUnixSeconds, bool large = false)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"/learning-directory/print/{request.MonthKey}/{request.KindKey}?{_signer.Query(IdOf(request), expiresUnixSeconds)}"
            + (large ? "&size=" + LargePrint : string.Empty);
    }

    public SignedLinkCheck Check(DirectoryPrintRequest request, string? exp, string? sig) => _signer.Check(IdOf(request), exp, sig);

    private static string IdOf(DirectoryPrintRequest request) => $"{request.MonthKey}/{request.KindKey}";
}
