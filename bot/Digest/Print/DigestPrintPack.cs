using LearningBot.Connector.Hosting;
using LearningBot.Delivery;

namespace LearningBot.Digest.Print;

/// <summary>
/// Once an edition is sent, each organisation's L&amp;D lead and each volunteer coordinator gets one print pack through the
/// delivery engine: the pack is stored only if absent and sent under the key edition + recipient, so the hook running
/// again (another instance, a retry) sends nothing twice.
/// </summary>
public sealed partial class DigestPrintPack(
    DigestPrintAudience audience, DigestPrintPackStore packs, DigestPrintPackCards cards, IDeliveries deliveries, TimeProvider clock, ILogger<DigestPrintPack> logger)
    : IDigestEditionSent
{
    public const string Purpose = "digest-print-pack";
    public const string RequestedBy = "digest";

    public async Task EditionSentAsync(DigestEdition edition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (edition.Status != DigestStatus.Sent)
        {
            return;
        }

        var recipients = await audience.ListAsync(cancellationToken);
        foreach (var (recipient, suggestion) in recipients)
        {
            var pack = await packs.AddIfAbsentAsync(DigestPrintPackEntry.For(edition.Number, recipient, suggestion, clock.GetUtcNow()), cancellationToken);
            await deliveries.StartAsync(new DeliveryRequest(
                Purpose,
                IdempotencyKey: $"{edition.Number}|{pack.PersonKey}",
                RequestedBy,
                ProactiveMessenger.CardMessage(cards.Pack(pack)) with { Summary = $"Edition {edition.Number} is ready to print" },
                [DeliveryRecipient.Person(pack.PersonKey, pack.Organisation, pack.OrganisationKind)]), cancellationToken);
        }

        LogOffered(edition.Number, recipients.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Print packs for digest edition {Number} offered to {Recipients} leads and volunteer coordinators.")]
    private partial void LogOffered(int number, int recipients);
}
