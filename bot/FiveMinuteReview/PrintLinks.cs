using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

public enum PrintLinkCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Signed, expiring links to a review's printable page: HMAC-SHA256 over the review id and the expiry time, so a
/// link cannot be altered to reach another review or to last longer.
/// </summary>
public sealed class PrintLinks
{
    private readonly byte[] _key;
    private readonly ReviewOptions _options;
    private readonly TimeProvider _clock;

    public PrintLinks(IOptions<ReviewOptions> options, TimeProvider clock, ILogger<PrintLinks> logger)
    {
        _options = options.Value;
        _clock = clock;
        if (string.IsNullOrWhiteSpace(_options.LinkSigningKey))
        {
            _key = RandomNumberGenerator.GetBytes(32);
            // Only a Development run gets here without a key: start-up refuses it anywhere else.
            logger.LogWarning(
                "FiveMinuteReview:LinkSigningKey is not set, so printable review links are signed with a key made at start-up: " +
                "they stop working when the bot restarts and only work on this instance. Any environment but Development " +
                "refuses to start without a shared base64 key of 32 bytes or more.");
        }
        else
        {
            _key = Convert.FromBase64String(_options.LinkSigningKey);
            if (_key.Length < 32)
            {
                throw new InvalidOperationException("FiveMinuteReview:LinkSigningKey must be base64 for at least 32 bytes.");
            }
        }
    }

    /// <summary>The path and query of a printable page link, and when it stops working.</summary>
    public (string PathAndQuery, DateTimeOffset Expires) Create(string reviewId)
    {
        var expires = _clock.GetUtcNow().Add(_options.PrintLinkLifetime);
        var seconds = expires.ToUnixTimeSeconds();
        var signature = Sign(reviewId, seconds);
        return ($"/reviews/{Uri.EscapeDataString(reviewId)}/print?exp={seconds.ToString(CultureInfo.InvariantCulture)}&sig={signature}",
            DateTimeOffset.FromUnixTimeSeconds(seconds));
    }

    public PrintLinkCheck Check(string reviewId, string? exp, string? sig)
    {
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || string.IsNullOrEmpty(sig))
        {
            return PrintLinkCheck.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(reviewId, seconds));
        var presented = Encoding.ASCII.GetBytes(sig);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return PrintLinkCheck.Invalid;
        }

        return _clock.GetUtcNow().ToUnixTimeSeconds() > seconds ? PrintLinkCheck.Expired : PrintLinkCheck.Valid;
    }

    private string Sign(string reviewId, long expires)
    {
        var message = Encoding.UTF8.GetBytes(string.Concat(reviewId, "\n", expires.ToString(CultureInfo.InvariantCulture)));
        return Base64Url(HMACSHA256.HashData(_key, message));
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
