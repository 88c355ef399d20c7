using LearningBot.BotHost;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// Signed, expiring links to a delivery's report (<see cref="SignedLinks"/> with the deployment's key and a purpose
/// label of their own, so a signature made for any other kind of link is never a valid report link).
/// </summary>
public sealed class ReportLinks(PublicLinks links, IOptions<DeliveryProgressOptions> options)
{
    private const string Purpose = "delivery-report";

    private readonly SignedLinks _links = links.Signer(Purpose);

    /// <summary>
    /// The bot's configured public address, without a trailing slash; null when none is set (then no link is offered:
    /// the progress card is sent without a request to take the address from).
    /// </summary>
    public string? BaseUrl { get; } = links.BaseUrl;

    /// <summary>The full link to a delivery's report, or null when the bot does not know its public address.</summary>
    public Uri? Create(string deliveryId)
    {
        if (BaseUrl is null)
        {
            return null;
        }

        var seconds = _links.ExpiresAfter(options.Value.ReportLinkLifetime);
        return new Uri($"{BaseUrl}{PathAndQuery(deliveryId, seconds)}");
    }

    /// <summary>The path and query of a report link that stops working at <paramref name="expiresUnixSeconds"/>.</summary>
    public string PathAndQuery(string deliveryId, long expiresUnixSeconds) =>
        $"/deliveries/{Uri.EscapeDataString(deliveryId)}/report.csv?{_links.Query(deliveryId, expiresUnixSeconds)}";

    public SignedLinkCheck Check(string deliveryId, string? exp, string? sig) => _links.Check(deliveryId, exp, sig);
}
