using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using Microsoft.Extensions.Options;

namespace LearningBot.Digest.Sending;

/// <summary>
/// Sends scheduled editions when they are due, on every instance. Each edition goes out once across instances:
/// <list type="number">
/// <item>Claim: <see cref="DigestEditionStore.ChangeAsync"/> turns it from <see cref="DigestStatus.Scheduled"/> to
/// <see cref="DigestStatus.Sent"/> at the version read. Only one instance's write succeeds; an edition edited after it was
/// scheduled is no longer scheduled (an edit puts it back for approval) and is never claimed.</item>
/// <item>Start ONE delivery with the idempotency key <c>digest|&lt;number&gt;</c> and record its id on the edition.</item>
/// <item>Call every <see cref="IDigestEditionSent"/> and record that they were called.</item>
/// </list>
/// The claim comes before the start, not after: a started delivery can't be taken back, and between reading the edition
/// and starting it the edition could be edited or its schedule cancelled; once claimed, it is sent and can't change, so
/// what goes out is what was approved. A crash after the claim leaves a sent edition with no delivery recorded (or hooks
/// not called); a later sweep, on any instance, finishes it after <see cref="DigestSendingOptions.TakeOverAfter"/>, and
/// the delivery's key makes starting it again the same delivery, so no one gets the edition twice.
/// </summary>
public sealed partial class DigestSender(
    DigestEditionStore store,
    DigestRecipients recipients,
    DigestSendingCards cards,
    IDeliveries deliveries,
    IEnumerable<IDigestEditionSent> followers,
    IOptions<DigestSendingOptions> options,
    TimeProvider clock,
    ILogger<DigestSender> logger) : BackgroundService
{
    public const string Purpose = "digest";

    /// <summary>Who the audit lines of the job's own steps name.</summary>
    public const string Job = "digest-sending";

    private readonly SemaphoreSlim _wake = new(0, 1);

    public static string IdempotencyKeyOf(int number) => $"digest|{number}";

    /// <summary>Asks this instance to look for due editions now (an edition was scheduled for now).</summary>
    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already woken.
            }
        }
    }

    /// <summary>Sends every scheduled edition that is due and finishes any a crash left half sent; how many this instance claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = 0;
        foreach (var edition in await store.ListAsync(cancellationToken))
        {
            if (edition.Status == DigestStatus.Scheduled && edition.SendAt <= now)
            {
                if (await ClaimAsync(edition, now, cancellationToken) is { } sent)
                {
                    claimed++;
                    await FinishAsync(sent, cancellationToken);
                }
            }
            else if (edition.Status == DigestStatus.Sent && edition.Audience.Length > 0 && (edition.DeliveryId.Length == 0 || !edition.FollowedUp)
                     && edition.SentAt <= now - options.Value.TakeOverAfter)
            {
                await FinishAsync(edition, cancellationToken);
            }
        }

        return claimed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CheckInterval;
        if (interval == TimeSpan.Zero)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(exception);
            }

            try
            {
                await _wake.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>The edition as sent, when this call claimed it; null when it was changed, cancelled or claimed elsewhere.</summary>
    private async Task<DigestEdition?> ClaimAsync(DigestEdition read, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var change = await store.ChangeAsync(read.Number, Job, current =>
            current.Status != DigestStatus.Scheduled || current.Version != read.Version || current.SendAt > now
                ? null
                : new DigestEditionChange(
                    current.Changed("digest.send", now) with { Status = DigestStatus.Sent, SentAt = now },
                    DigestSendingAudit.Sent, $"Sending to {DigestAudience.FromJson(current.Audience).Describe()}."),
            cancellationToken);
        return change is { Changed: true } ? change.Entity : null;
    }

    private async Task FinishAsync(DigestEdition edition, CancellationToken cancellationToken)
    {
        if (edition.Status != DigestStatus.Sent)
        {
            return;
        }

        var started = await StartDeliveryAsync(edition, cancellationToken);
        if (edition.DeliveryId.Length == 0)
        {
            edition = (await store.ChangeAsync(edition.Number, Job, current =>
                current.Status != DigestStatus.Sent || current.DeliveryId.Length > 0
                    ? null
                    : new DigestEditionChange(current.Changed("digest.delivery", clock.GetUtcNow()) with { DeliveryId = started.DeliveryId },
                        DigestSendingAudit.DeliveryStarted, $"Delivery {started.DeliveryId} started."),
                cancellationToken))?.Entity ?? edition;
        }

        if (!edition.FollowedUp)
        {
            foreach (var follower in followers)
            {
                await follower.EditionSentAsync(edition, cancellationToken);
            }

            await store.ChangeAsync(edition.Number, Job, current =>
                current.FollowedUp
                    ? null
                    : new DigestEditionChange(current.Changed("digest.followed-up", clock.GetUtcNow()) with { FollowedUp = true },
                        DigestSendingAudit.FollowedUp, "What follows an edition going out was started."),
                cancellationToken);
        }
    }

    private async Task<DeliveryStarted> StartDeliveryAsync(DigestEdition edition, CancellationToken cancellationToken)
    {
        var audience = DigestAudience.FromJson(edition.Audience);
        var resolving = System.Diagnostics.Stopwatch.GetTimestamp();
        var resolved = await recipients.ResolveAsync(audience, cancellationToken);
        var resolvedIn = System.Diagnostics.Stopwatch.GetElapsedTime(resolving);
        var started = await deliveries.StartAsync(new DeliveryRequest(
            Purpose,
            IdempotencyKeyOf(edition.Number),
            RequestedBy: edition.ScheduledBy,
            Message: ProactiveMessenger.CardMessage(cards.Headlines(edition)) with { Summary = $"Learning digest: {edition.Title}" },
            Recipients: resolved,
            ProgressTo: edition.ProgressTo.Length == 0 ? null : JsonSerializer.Deserialize<ConversationReference>(edition.ProgressTo, BotJson.Options)), cancellationToken);
        LogStarted(edition.Number, started.DeliveryId, resolved.Count, (long)resolvedIn.TotalMilliseconds, (long)(System.Diagnostics.Stopwatch.GetElapsedTime(resolving) - resolvedIn).TotalMilliseconds);
        return started;
    }

    // The bench (bench/FanoutBench, scenario e) reads the two times from this line.
    [LoggerMessage(Level = LogLevel.Information, Message = "Digest edition {Number} sent as delivery {DeliveryId} to {Recipients} recipient(s); audience resolved in {ResolveMs} ms, delivery recorded in {StartMs} ms")]
    private partial void LogStarted(int number, string deliveryId, int recipients, long resolveMs, long startMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending due digest editions failed; the next check tries again")]
    private partial void LogFailed(Exception exception);
}
