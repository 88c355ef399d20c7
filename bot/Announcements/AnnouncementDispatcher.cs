using System.Text.Json;
using System.Threading.Channels;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.Storage;
using LearningBot.Storage.Leases;

namespace LearningBot.Announcements;

/// <summary>
/// Turns announcements whose Send was pressed into deliveries, outside the turn: reading an audience of thousands from
/// the people directory and recording a delivery for each of them takes longer than a person should wait for a button.
/// The Send turn records the request on the draft and kicks this instance; a scan under a lease (once a minute across
/// all instances) picks up any request a restart came between. Starting a delivery twice starts it once (the draft id is
/// its idempotency key), so the kick and the scan may meet safely.
/// </summary>
public sealed partial class AnnouncementDispatcher(
    AnnouncementDrafts drafts,
    AnnouncementAudience audience,
    AnnouncementCards cards,
    IDeliveries deliveries,
    PeriodicLease lease,
    ILogger<AnnouncementDispatcher> logger) : BackgroundService
{
    public const string ScanJob = "announcement-dispatch";

    private static readonly TimeSpan ScanEvery = TimeSpan.FromMinutes(1);

    private readonly Channel<AnnouncementDraftEntity> _kicks = Channel.CreateUnbounded<AnnouncementDraftEntity>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Asks this instance to start the draft's delivery now.</summary>
    public void Kick(AnnouncementDraftEntity draft) => _kicks.Writer.TryWrite(draft);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var scanning = lease.RunEachPeriodAsync(ScanJob, ScanEvery, ScanAsync, stoppingToken);
        try
        {
            await foreach (var draft in _kicks.Reader.ReadAllAsync(stoppingToken))
            {
                await StartAsync(draft, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: requests not yet started are found by the next scan.
        }

        await scanning;
    }

    internal async Task ScanAsync(CancellationToken stoppingToken)
    {
        foreach (var draft in await drafts.OwedAsync(stoppingToken))
        {
            await StartAsync(draft, stoppingToken);
        }
    }

    private async Task StartAsync(AnnouncementDraftEntity draft, CancellationToken stoppingToken)
    {
        try
        {
            var recipients = await audience.RecipientsAsync(draft.Audience, draft.AuthorKey, stoppingToken);
            var request = new DeliveryRequest(
                AnnouncementsFeature.Purpose,
                IdempotencyKey: draft.DraftId,
                RequestedBy: draft.AuthorKey,
                Message: ProactiveMessenger.CardMessage(cards.Announcement(draft)) with { Summary = draft.Title },
                Recipients: recipients,
                ProgressTo: string.IsNullOrEmpty(draft.ProgressTo) ? null : JsonSerializer.Deserialize<ConversationReference>(draft.ProgressTo, BotJson.Options));
            var started = await deliveries.StartAsync(request, stoppingToken);
            await drafts.RecordDeliveryAsync(draft, started.DeliveryId, stoppingToken);
            LogStarted(started.DeliveryId, recipients.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogStartFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announcement sent as delivery {DeliveryId} to {Recipients} recipient(s)")]
    private partial void LogStarted(string deliveryId, int recipients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An announcement's delivery could not be started yet; the next scan tries again")]
    private partial void LogStartFailed(Exception exception);
}
