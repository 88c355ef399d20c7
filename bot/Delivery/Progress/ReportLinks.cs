using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// Signed, expiring links to a delivery's report: HMAC-SHA256 over a purpose label, the delivery id and the expiry, so
/// a link cannot be changed to reach another delivery or to last longer, and a signature made for any other kind of
/// link (the review's printable pages share the deployment's key) is never a valid report link.
/// </summary>
public sealed partial class ReportLinks
{
    private const string Purpose = "delivery-report";
    private const string ReviewKeySetting = "FiveMinuteReview:LinkSigningKey";
    private const string ReviewBaseUrlSetting = "FiveMinuteReview:PublicBaseUrl";

    private readonly byte[] _key;
    private readonly DeliveryProgressOptions _options;
    private readonly TimeProvider _clock;

    public ReportLinks(IOptions<DeliveryProgressOptions> options, IConfiguration configuration, TimeProvider clock, ILogger<ReportLinks> logger)
    {
        _options = options.Value;
        _clock = clock;
        var configured = _options.ReportLinkSigningKey is { Length: > 0 } own ? own : configuration[ReviewKeySetting];
        BaseUrl = (_options.PublicBaseUrl is { Length: > 0 } url ? url : configuration[ReviewBaseUrlSetting])?.TrimEnd('/');
        if (string.IsNullOrWhiteSpace(configured))
        {
            // Outside Development the review's own check refuses to start without the deployment's link key.
            _key = RandomNumberGenerator.GetBytes(32);
            LogKeyMadeAtStartup(logger);
        }
        else
        {
            _key = KeyBytes(configured) ?? throw new InvalidOperationException("The report link signing key must be base64 for at least 32 bytes.");
        }
    }

    /// <summary>The bot's public address, without a trailing slash; null when none is configured (then no link is offered).</summary>
    public string? BaseUrl { get; }

    /// <summary>The full link to a delivery's report, or null when the bot does not know its public address.</summary>
    public Uri? Create(string deliveryId)
    {
        if (BaseUrl is null)
        {
            return null;
        }

        var seconds = _clock.GetUtcNow().Add(_options.ReportLinkLifetime).ToUnixTimeSeconds();
        return new Uri($"{BaseUrl}{PathAndQuery(deliveryId, seconds)}");
    }

    /// <summary>The path and query of a report link that stops working at <paramref name="expiresUnixSeconds"/>.</summary>
    public string PathAndQuery(string deliveryId, long expiresUnixSeconds) =>
        $"/deliveries/{Uri.EscapeDataString(deliveryId)}/report.csv?exp={expiresUnixSeconds.ToString(CultureInfo.InvariantCulture)}&sig={Sign(deliveryId, expiresUnixSeconds)}";

    public ReportLinkCheck Check(string deliveryId, string? exp, string? sig)
    {
        if (!long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || string.IsNullOrEmpty(sig))
        {
            return ReportLinkCheck.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(deliveryId, seconds));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(sig)))
        {
            return ReportLinkCheck.Invalid;
        }

        return _clock.GetUtcNow().ToUnixTimeSeconds() > seconds ? ReportLinkCheck.Expired : ReportLinkCheck.Valid;
    }

    /// <summary>The key's bytes, or null when it is not base64 for at least 32 bytes.</summary>
    public static byte[]? KeyBytes(string value)
    {
        var bytes = new byte[value.Length];
        return Convert.TryFromBase64String(value, bytes, out var length) && length >= 32 ? bytes[..length] : null;
    }

    private string Sign(string deliveryId, long expires)
    {
        var message = Encoding.UTF8.GetBytes(string.Join('\n', Purpose, deliveryId, expires.ToString(CultureInfo.InvariantCulture)));
        return Convert.ToBase64String(HMACSHA256.HashData(_key, message)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No link signing key is set, so delivery report links are signed with a key made at start-up: they stop working when the bot restarts and only work on this instance.")]
    private static partial void LogKeyMadeAtStartup(ILogger logger);
}
