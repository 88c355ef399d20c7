using System.Runtime.CompilerServices;
using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Schema;
using LearningBot.Delivery.Progress;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery;

/// <summary>
/// Records deliveries and queues their work; <see cref="DeliveryWorker"/> on every instance carries them out. Starting
/// writes the header (status planning), the ledger (one row per distinct recipient, 100 to a transaction) and the work
/// messages (32 recipients each), then marks the delivery sending. Asking again for the same purpose and idempotency
/// key returns the same delivery, and finishes its planning if the first start stopped half way.
/// </summary>
public sealed partial class Deliveries(
    DeliveryStore store,
    DeliveryQueue queue,
    DeliveryCompletion completion,
    DeliveryWakeUp wakeUp,
    DeliveryHeaders headers,
    IServiceProvider services,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<Deliveries> logger) : IDeliveries
{
    public async Task<DeliveryStarted> StartAsync(DeliveryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Purpose);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.IdempotencyKey);
        ArgumentNullException.ThrowIfNull(request.Message);
        ArgumentNullException.ThrowIfNull(request.Recipients);
        var deliveryId = DeliveryKeys.DeliveryId(request.Purpose, request.IdempotencyKey);
        var ledger = Ledger(request.Recipients);
        var existing = await store.FindHeaderAsync(deliveryId, cancellationToken);
        if (existing is not null)
        {
            await FinishPlanningIfNeededAsync(existing, ledger, cancellationToken);
            return new DeliveryStarted(deliveryId, AlreadyExisted: true);
        }

        var header = NewHeader(deliveryId, request, ledger);
        if (!await store.TryAddHeaderAsync(header, cancellationToken))
        {
            var raced = await store.FindHeaderAsync(deliveryId, cancellationToken);
            if (raced is not null)
            {
                await FinishPlanningIfNeededAsync(raced, ledger, cancellationToken);
            }

            return new DeliveryStarted(deliveryId, AlreadyExisted: true);
        }

        var started = await PlanAsync(header, ledger, cancellationToken);
        LogStarted(deliveryId, request.Purpose, header.Total);
        if (request.ProgressTo is { } progressTo)
        {
            await NotifyStartedAsync(started, progressTo, cancellationToken);
        }

        return new DeliveryStarted(deliveryId, AlreadyExisted: false);
    }

    public async Task<DeliveryProgress?> GetProgressAsync(string deliveryId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        if (!IsDeliveryId(deliveryId))
        {
            return null;
        }

        var header = await store.FindHeaderAsync(deliveryId, cancellationToken);
        return header is null ? null : ToProgress(header, clock.GetUtcNow());
    }

    public async Task<bool> CancelAsync(string deliveryId, string cancelledBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        ArgumentException.ThrowIfNullOrEmpty(cancelledBy);
        if (!IsDeliveryId(deliveryId))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var change = await store.ChangeHeaderAsync(
            deliveryId,
            header => header.Status is DeliveryStatuses.Planning or DeliveryStatuses.Sending && header.FinishedAt is null
                ? header with { Status = DeliveryStatuses.Cancelled, CancelledBy = cancelledBy, CancelledAt = now, LastActivityAt = now }
                : null,
            cancellationToken);
        if (change is not { Changed: true })
        {
            return false;
        }

        LogCancelled(deliveryId);
        headers.Forget(deliveryId);
        wakeUp.Wake();
        return true;
    }

    public async IAsyncEnumerable<DeliveryReportLine> ReportAsync(string deliveryId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        if (!IsDeliveryId(deliveryId))
        {
            yield break;
        }

        // A removed ledger has no rows to read, and asking for its table would only create an empty one again.
        if (await store.FindHeaderAsync(deliveryId, cancellationToken) is not { LedgerRemovedAt: null })
        {
            yield break;
        }

        await foreach (var row in store.ReadReportRowsAsync(deliveryId, cancellationToken))
        {
            var outcome = row.Outcome ?? DeliveryOutcomes.Pending;
            var reason = outcome == DeliveryOutcomes.Failed ? row.LastError ?? row.Reason : row.Reason;
            yield return new DeliveryReportLine(row.Kind, row.Organisation, row.OrganisationKind, outcome, reason, row.SettledAt);
        }
    }

    /// <summary>Where a delivery stands, from its header; the time left is estimated from the last minute or so of progress.</summary>
    public static DeliveryProgress ToProgress(DeliveryEntity header, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(header);
        var progress = new DeliveryProgress(
            header.PartitionKey, header.Purpose, header.RequestedBy, header.Status, header.Total, header.Sent, header.Unreachable,
            header.Failed, header.Cancelled, header.CreatedAt, header.FinishedAt, EstimatedRemaining: null, header.LedgerRemovedAt);
        return progress with { EstimatedRemaining = Remaining(header, progress.Pending, now) };
    }

    private static TimeSpan? Remaining(DeliveryEntity header, int pending, DateTimeOffset now)
    {
        if (pending <= 0 || header.FinishedAt is not null || header.Status != DeliveryStatuses.Sending)
        {
            return pending <= 0 ? TimeSpan.Zero : null;
        }

        if (header.RateFromAt is not { } from)
        {
            return null;
        }

        var elapsed = (header.LastActivityAt > now ? now : header.LastActivityAt) - from;
        var settled = header.Settled - header.RateFromSettled;
        return elapsed < TimeSpan.FromSeconds(1) || settled <= 0 ? null : TimeSpan.FromSeconds(Math.Ceiling(pending * elapsed.TotalSeconds / settled));
    }

    /// <summary>Writes the ledger, queues the work and marks the delivery sending (or finished, when nobody can be sent to).</summary>
    private async Task<DeliveryEntity> PlanAsync(DeliveryEntity header, IReadOnlyList<DeliveryRecipientEntity> ledger, CancellationToken cancellationToken)
    {
        var deliveryId = header.PartitionKey;
        var settings = options.Value;
        await store.MarkActiveAsync(deliveryId, header.CreatedAt, cancellationToken);
        await store.WriteLedgerAsync(deliveryId, ledger, settings.PlanningConcurrency, cancellationToken);
        await queue.SendAllAsync(deliveryId, ledger.Where(row => row.Outcome is null).Select(row => row.RowKey), settings.PlanningConcurrency, cancellationToken);
        var now = clock.GetUtcNow();
        var change = await store.ChangeHeaderAsync(
            deliveryId,
            current => current.Status == DeliveryStatuses.Planning
                ? DeliveryCompletion.Sampled(current with { Status = DeliveryStatuses.Sending, LastActivityAt = now }, now)
                : null,
            cancellationToken);
        wakeUp.Wake();
        if (change?.Entity is { } sending && sending.Settled >= sending.Total)
        {
            await completion.FinishIfDoneAsync(deliveryId, cancellationToken);
            return await store.FindHeaderAsync(deliveryId, cancellationToken) ?? sending;
        }

        return change?.Entity ?? header;
    }

    private async Task FinishPlanningIfNeededAsync(DeliveryEntity existing, IReadOnlyList<DeliveryRecipientEntity> ledger, CancellationToken cancellationToken)
    {
        if (existing.Status == DeliveryStatuses.Planning)
        {
            LogFinishingPlanning(existing.PartitionKey);
            await PlanAsync(existing, ledger, cancellationToken);
        }
    }

    private async Task NotifyStartedAsync(DeliveryEntity header, ConversationReference progressTo, CancellationToken cancellationToken)
    {
        try
        {
            if (services.GetService<IDeliveryProgressNotifier>() is { } notifier)
            {
                await notifier.StartedAsync(ToProgress(header, clock.GetUtcNow()), progressTo, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogNotifierFailed(exception, header.PartitionKey);
        }
    }

    private DeliveryEntity NewHeader(string deliveryId, DeliveryRequest request, IReadOnlyList<DeliveryRecipientEntity> ledger)
    {
        var activity = JsonSerializer.Serialize(request.Message, BotJson.Options);
        if (activity.Length > DeliveryKeys.MaxActivityChars)
        {
            throw new ArgumentException(
                $"The message is {activity.Length:N0} characters as JSON; a delivery can carry at most {DeliveryKeys.MaxActivityChars:N0} (the table's 64 KiB property limit).",
                nameof(request));
        }

        var now = clock.GetUtcNow();
        return new DeliveryEntity
        {
            PartitionKey = deliveryId,
            Purpose = request.Purpose,
            RequestedBy = request.RequestedBy,
            Activity = activity,
            ProgressTo = request.ProgressTo is null ? null : JsonSerializer.Serialize(request.ProgressTo, BotJson.Options),
            Status = DeliveryStatuses.Planning,
            Total = ledger.Count,
            Unreachable = ledger.Count(row => row.Outcome == DeliveryOutcomes.Unreachable),
            CreatedAt = now,
            LastActivityAt = now,
            LedgerTable = DeliveryStore.LedgerTableName(deliveryId),
        };
    }

    /// <summary>One row per distinct (kind, key); someone without Teams is settled at once as unreachable (no-teams).</summary>
    private IReadOnlyList<DeliveryRecipientEntity> Ledger(IReadOnlyList<DeliveryRecipient> recipients)
    {
        var now = clock.GetUtcNow();
        return
        [
            .. recipients
                .DistinctBy(recipient => (recipient.Kind, recipient.Key))
                .Select(recipient => new DeliveryRecipientEntity
                {
                    RowKey = DeliveryKeys.RecipientRowKey(recipient.Kind, recipient.Key),
                    Kind = recipient.Kind,
                    Key = recipient.Key,
                    Organisation = recipient.Organisation,
                    OrganisationKind = recipient.OrganisationKind,
                    Conversation = recipient.Conversation,
                    UsesTeams = recipient.UsesTeams,
                    Outcome = recipient.UsesTeams ? null : DeliveryOutcomes.Unreachable,
                    Reason = recipient.UsesTeams ? null : "no-teams",
                    SettledAt = recipient.UsesTeams ? null : now,
                }),
        ];
    }

    private static bool IsDeliveryId(string value) => value.Length == 32 && value.All(char.IsAsciiHexDigitLower);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} ({Purpose}) queued for {Total} recipient(s)")]
    private partial void LogStarted(string deliveryId, string purpose, int total);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId} was asked for again while still planning; finishing its planning")]
    private partial void LogFinishingPlanning(string deliveryId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Delivery {DeliveryId} cancelled; the recipients not yet sent to will be settled as cancelled")]
    private partial void LogCancelled(string deliveryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery {DeliveryId}: the progress card could not be started; the delivery goes on")]
    private partial void LogNotifierFailed(Exception exception, string deliveryId);
}
