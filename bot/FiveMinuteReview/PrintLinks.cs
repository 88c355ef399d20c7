using LearningBot.BotHost;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Signed, expiring links to a review's printable page (<see cref="SignedLinks"/> with the deployment's key and without
/// a purpose label: links already sent keep working).
/// </summary>
public sealed class PrintLinks(PublicLinks links, IOptions<ReviewOptions> options)
{
    private readonly SignedLinks _links = links.Signer(purpose: null);

    /// <summary>The path and query of a printable page link, and when it stops working.</summary>
    public (string PathAndQuery, DateTimeOffset Expires) Create(string reviewId)
    {
        var seconds = _links.ExpiresAfter(options.Value.PrintLinkLifetime);
        return ($"/reviews/{Uri.EscapeDataString(reviewId)}/print?{_links.Query(reviewId, seconds)}", DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    public SignedLinkCheck Check(string reviewId, string? exp, string? sig) => _links.Check(reviewId, exp, sig);
}
