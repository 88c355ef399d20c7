using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Queues.Models;
using LearningBot.Connector.Schema;
using LearningBot.Delivery.Sending;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery;

/// <summary>
/// Works on one queue message: reads its ledger rows (one range query), and for each pending one claims it with its
/// ETag, sends through <see cref="IRecipientSender"/> and settles it with the claim's ETag. Rows that must wait (429,
/// a transient failure, someone else's lease) stay in the message, which is hidden again until the earliest is due;
/// when none is left the message is deleted.
/// </summary>
public sealed partial class DeliveryProcessor(
    DeliveryStore store,
    DeliveryQueue queue,
    DeliveryHeaders headers,
    DeliveryCompletion completion,
    IRecipientSender sender,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<DeliveryProcessor> logger)
{
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(15);
    private const int RecordAttempts = 5;
    private static readonly IReadOnlyDictionary<string, TimeSpan> NothingWaits = new Dictionary<string, TimeSpan>();

    private readonly ConcurrentDictionary<string, string?> _sentNotRecorded = new(StringComparer.Ordinal);

    /// <summary>Who this worker is in the ledger's leases.</summary>
    public string Instance { get; } = $"{Environment.MachineName}/{Guid.NewGuid().ToString("N")[..8]}";

    public async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var settings = options.Value;
        await using var lease = new DeliveryMessageLease(queue, message, settings.VisibilityTimeout, clock);
        if (DeliveryWork.TryParse(message.MessageText) is not { } work)
        {
            LogMalformed(message.MessageId);
            await FinishMessageAsync(lease, null, NothingWaits, stoppingToken);
            return;
        }

        var header = await headers.GetAsync(work.DeliveryId, stoppingToken);
        if (header is null)
        {
            LogUnknownDelivery(work.DeliveryId);
            await FinishMessageAsync(lease, work, NothingWaits, stoppingToken);
            return;
        }

        var rows = await store.ReadRowsAsync(work.DeliveryId, work.Rows, stoppingToken);
        var tally = new DeliveryTally();
        var later = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        try
        {
            await Parallel.ForEachAsync(
                rows,
                new ParallelOptions { MaxDegreeOfParallelism = settings.SendsPerMessage, CancellationToken = stoppingToken },
                async (row, token) =>
                {
                    switch (await WorkOnRowOrWaitAsync(work.DeliveryId, header, row, token))
                    {
                        case DeliveryRowResult.Settled settled: tally.Add(settled.Outcome); break;
                        case DeliveryRowResult.Later wait: later[row.RowKey] = wait.Delay; break;
                    }
                });
        }
        finally
        {
            await CountAsync(work.DeliveryId, tally);
        }

        await FinishMessageAsync(lease, work, later, stoppingToken);
        LogMessageDone(work.DeliveryId, tally.Sent, later.Count);
    }

    /// <summary>Adds what was settled to the header, even when stopping half way; a failure only leaves the counts short until the sweep.</summary>
    private async Task CountAsync(string deliveryId, DeliveryTally tally)
    {
        if (tally.Total == 0)
        {
            return;
        }

        try
        {
            await completion.AddAsync(deliveryId, tally, CancellationToken.None);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogNotCounted(exception, deliveryId);
        }
    }

    /// <summary>
    /// A storage failure on one row leaves that row for later rather than failing the message: a failure escaping here
    /// would cancel the other rows' sends in flight, and a send cancelled after the Bot Connector took it is a send
    /// nobody records.
    /// </summary>
    private async Task<DeliveryRowResult> WorkOnRowOrWaitAsync(string deliveryId, DeliveryHeader header, DeliveryRecipientEntity row, CancellationToken stoppingToken)
    {
        try
        {
            var current = await headers.GetAsync(deliveryId, stoppingToken) ?? header;
            return await WorkOnRowAsync(current, row, stoppingToken);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogRowDeferred(exception, deliveryId);
            return new DeliveryRowResult.Later(Backoff(1, options.Value));
        }
    }

    private async Task<DeliveryRowResult> WorkOnRowAsync(DeliveryHeader header, DeliveryRecipientEntity row, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        var memo = Memo(row);
        if (row.Outcome is not null)
        {
            _sentNotRecorded.TryRemove(memo, out _);
            return new DeliveryRowResult.Skipped();
        }

        // A live claim is left alone, even this instance's own: its worker may be recording it this moment.
        if (row.LeaseUntil > now)
        {
            return new DeliveryRowResult.Later(row.LeaseUntil.Value - now);
        }

        if (header.IsCancelled && !_sentNotRecorded.ContainsKey(memo))
        {
            return await store.TrySettleCancelledAsync(row.PartitionKey, row.RowKey, row.ETag, now, CancellationToken.None)
                ? new DeliveryRowResult.Settled(DeliveryOutcomes.Cancelled)
                : new DeliveryRowResult.Skipped();
        }

        if (row.NextAttemptAt > now)
        {
            return new DeliveryRowResult.Later(row.NextAttemptAt.Value - now);
        }

        return await ClaimSendSettleAsync(header.Message, row, memo, stoppingToken);
    }

    private async Task<DeliveryRowResult> ClaimSendSettleAsync(Activity message, DeliveryRecipientEntity row, string memo, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var claimed = row with { LeaseUntil = clock.GetUtcNow() + settings.LeaseDuration, LeaseOwner = Instance, Attempts = row.Attempts + 1 };
        if (await store.TryReplaceAsync(claimed, row.ETag, stoppingToken) is not { } claimETag)
        {
            // Another worker claimed or settled it first; its own message keeps the row until it is done.
            return new DeliveryRowResult.Skipped();
        }

        // The send and its record must both fit inside the claim, or another worker could take the row and send again:
        // the last quarter of the claim is kept for the record.
        var sendWithin = claimed.LeaseUntil!.Value - (settings.LeaseDuration / 4) - clock.GetUtcNow();
        if (sendWithin <= TimeSpan.Zero && !_sentNotRecorded.ContainsKey(memo))
        {
            LogClaimTooSlow(claimed.PartitionKey);
            return new DeliveryRowResult.Later(settings.LeaseDuration);
        }

        var result = _sentNotRecorded.TryGetValue(memo, out var sentId)
            ? new RecipientSendResult.Sent(sentId, null)
            : await SendAsync(claimed, message, sendWithin < settings.SendTimeout ? sendWithin : settings.SendTimeout, stoppingToken);
        if (result is RecipientSendResult.Sent sent)
        {
            _sentNotRecorded[memo] = sent.ActivityId;
        }

        var settled = Settle(claimed, result, settings, clock.GetUtcNow());
        return await RecordAsync(claimed, settled, claimETag, memo, result);
    }

    private async Task<RecipientSendResult> SendAsync(DeliveryRecipientEntity row, Activity message, TimeSpan timeout, CancellationToken stoppingToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(timeout);
        try
        {
            return await sender.SendAsync(row.ToRecipient(), message, SendPace.Paced, attempt.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return new RecipientSendResult.Transient("timeout");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogSenderFailed(exception, row.PartitionKey);
            return new RecipientSendResult.Transient("error");
        }
    }

    /// <summary>Deletes the message, or hides it (holding only the rows that must wait) until the earliest of them is due.</summary>
    private async Task FinishMessageAsync(DeliveryMessageLease lease, DeliveryWork? work, IReadOnlyDictionary<string, TimeSpan> later, CancellationToken stoppingToken)
    {
        await lease.StopAsync();
        if (lease.PopReceipt is not { } receipt)
        {
            return;
        }

        if (later.Count == 0 || work is null)
        {
            await queue.DeleteAsync(lease.MessageId, receipt, CancellationToken.None);
            return;
        }

        var remaining = work with { Rows = [.. work.Rows.Where(later.ContainsKey)] };
        await queue.HideAsync(lease.MessageId, receipt, remaining, later.Values.Min(), stoppingToken);
    }

    private static string Memo(DeliveryRecipientEntity row) => string.Concat(row.PartitionKey, "|", row.RowKey);
}
