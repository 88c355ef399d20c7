using LearningBot.BotHost;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Signed, expiring links to a review's printable page (<see cref="SignedLinks"/>, without a purpose label: links
/// already sent keep working).
/// </summary>
public sealed class PrintLinks
{
    private readonly SignedLinks _links;
    private readonly ReviewOptions _options;

    public PrintLinks(IOptions<ReviewOptions> options, TimeProvider clock, ILogger<PrintLinks> logger)
    {
        _options = options.Value;
        if (string.IsNullOrWhiteSpace(_options.LinkSigningKey))
        {
            _links = new SignedLinks(null, null, clock);
            // Only a Development run gets here without a key: start-up refuses it anywhere else.
            logger.LogWarning(
                "FiveMinuteReview:LinkSigningKey is not set, so printable review links are signed with a key made at start-up: " +
                "they stop working when the bot restarts and only work on this instance. Any environment but Development " +
                "refuses to start without a shared base64 key of 32 bytes or more.");
        }
        else
        {
            var key = SignedLinks.KeyBytes(_options.LinkSigningKey)
                ?? throw new InvalidOperationException("FiveMinuteReview:LinkSigningKey must be base64 for at least 32 bytes.");
            _links = new SignedLinks(key, null, clock);
        }
    }

    /// <summary>The path and query of a printable page link, and when it stops working.</summary>
    public (string PathAndQuery, DateTimeOffset Expires) Create(string reviewId)
    {
        var seconds = _links.ExpiresAfter(_options.PrintLinkLifetime);
        return ($"/reviews/{Uri.EscapeDataString(reviewId)}/print?{_links.Query(reviewId, seconds)}", DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    public SignedLinkCheck Check(string reviewId, string? exp, string? sig) => _links.Check(reviewId, exp, sig);
}
