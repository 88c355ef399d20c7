using LearningBot.BotHost;

namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>
/// Signed, expiring links to an analysis's printable page, signed with the deployment's link key
/// (<see cref="PublicLinks"/>) and a purpose label of their own, so no other kind of link is valid here.
/// </summary>
public sealed class LnaPrintLinks(PublicLinks links)
{
    public const string Path = "/analyses/{id}/print";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    private const string Purpose = "learning-needs-analysis";

    private readonly SignedLinks _links = links.Signer(Purpose);

    /// <summary>The full link to the analysis's printable page, or empty when the bot does not know its address.</summary>
    public string Create(string analysisId) =>
        links.CurrentBaseUrl is { } baseUrl
            ? $"{baseUrl.TrimEnd('/')}{PathAndQuery(analysisId, _links.ExpiresAfter(Lifetime))}"
            : string.Empty;

    public string PathAndQuery(string analysisId, long expiresUnixSeconds) =>
        $"/analyses/{Uri.EscapeDataString(analysisId)}/print?{_links.Query(analysisId, expiresUnixSeconds)}";

    public SignedLinkCheck Check(string analysisId, string? exp, string? sig) => _links.Check(analysisId, exp, sig);
}
