using LearningBot.BotHost;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// Signed, expiring links to a delivery's report (<see cref="SignedLinks"/> with their own purpose label, so a signature
/// made for any other kind of link signed with the deployment's key is never a valid report link).
/// </summary>
public sealed partial class ReportLinks
{
    private const string Purpose = "delivery-report";
    private const string ReviewKeySetting = "FiveMinuteReview:LinkSigningKey";
    private const string ReviewBaseUrlSetting = "FiveMinuteReview:PublicBaseUrl";

    private readonly SignedLinks _links;
    private readonly DeliveryProgressOptions _options;

    public ReportLinks(IOptions<DeliveryProgressOptions> options, IConfiguration configuration, TimeProvider clock, ILogger<ReportLinks> logger)
    {
        _options = options.Value;
        var configured = _options.ReportLinkSigningKey is { Length: > 0 } own ? own : configuration[ReviewKeySetting];
        BaseUrl = (_options.PublicBaseUrl is { Length: > 0 } url ? url : configuration[ReviewBaseUrlSetting])?.TrimEnd('/');
        if (string.IsNullOrWhiteSpace(configured))
        {
            // Outside Development the review's own check refuses to start without the deployment's link key.
            _links = new SignedLinks(null, Purpose, clock);
            LogKeyMadeAtStartup(logger);
        }
        else
        {
            _links = new SignedLinks(
                KeyBytes(configured) ?? throw new InvalidOperationException("The report link signing key must be base64 for at least 32 bytes."), Purpose, clock);
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

        var seconds = _links.ExpiresAfter(_options.ReportLinkLifetime);
        return new Uri($"{BaseUrl}{PathAndQuery(deliveryId, seconds)}");
    }

    /// <summary>The path and query of a report link that stops working at <paramref name="expiresUnixSeconds"/>.</summary>
    public string PathAndQuery(string deliveryId, long expiresUnixSeconds) =>
        $"/deliveries/{Uri.EscapeDataString(deliveryId)}/report.csv?{_links.Query(deliveryId, expiresUnixSeconds)}";

    public SignedLinkCheck Check(string deliveryId, string? exp, string? sig) => _links.Check(deliveryId, exp, sig);

    /// <summary>The key's bytes, or null when it is not base64 for at least 32 bytes.</summary>
    public static byte[]? KeyBytes(string value) => SignedLinks.KeyBytes(value);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "No link signing key is set, so delivery report links are signed with a key made at start-up: they stop working when the bot restarts and only work on this instance.")]
    private static partial void LogKeyMadeAtStartup(ILogger logger);
}
