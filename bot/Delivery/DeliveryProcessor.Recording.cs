using Azure;
using LearningBot.Delivery.Sending;
using LearningBot.Storage;

namespace LearningBot.Delivery;

/// <summary>
/// A send's outcome written to its ledger row at the claim's ETag: settled (sent, failed, or due again after a backoff),
/// and, when the row changed under a claim that is still this one, recorded at the row's new ETag; never over someone else's claim.
/// </summary>
public sealed partial class DeliveryProcessor
{
    private async Task<DeliveryRowResult> RecordAsync(DeliveryRecipientEntity claimed, DeliveryRecipientEntity settled, ETag claimETag, string memo, RecipientSendResult result)
    {
        try
        {
            // The send has happened: record it even while the instance is stopping, within a time limit of its own.
            using var timeout = new CancellationTokenSource(SettleTimeout);
            if (!await TryRecordAsync(claimed, settled, claimETag, timeout.Token))
            {
                // Someone else claimed or settled the row. A send of ours stays in the memo, so if this instance
                // claims the row again it records that send rather than sending again.
                LogLeaseLost(settled.PartitionKey);
                return new DeliveryRowResult.Skipped();
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception) || exception is OperationCanceledException)
        {
            LogNotRecorded(exception, settled.PartitionKey, result.GetType().Name);
            return new DeliveryRowResult.Later(options.Value.LeaseDuration);
        }

        _sentNotRecorded.TryRemove(memo, out _);
        if (settled.Outcome is { } outcome)
        {
            if (outcome == DeliveryOutcomes.Failed)
            {
                LogGaveUp(settled.PartitionKey, settled.Attempts, settled.LastError);
            }

            return new DeliveryRowResult.Settled(outcome);
        }

        return new DeliveryRowResult.Later(settled.NextAttemptAt!.Value - clock.GetUtcNow());
    }

    /// <summary>
    /// Writes the outcome at the claim's ETag. When the row has changed since, but only in fields that are not the claim
    /// (it is still pending under this very claim), the outcome is written at its new ETag: the claim is what stands
    /// for "this worker may be sending", so only another claim or an outcome may stop it being recorded.
    /// </summary>
    private async Task<bool> TryRecordAsync(DeliveryRecipientEntity claimed, DeliveryRecipientEntity settled, ETag claimETag, CancellationToken cancellationToken)
    {
        var etag = claimETag;
        for (var attempt = 0; attempt < RecordAttempts; attempt++)
        {
            if (await store.TryReplaceAsync(settled, etag, cancellationToken) is not null)
            {
                return true;
            }

            var stored = await store.FindRowAsync(claimed.PartitionKey, claimed.RowKey, cancellationToken);
            if (stored is null || !IsStillClaimed(stored, claimed))
            {
                return false;
            }

            etag = stored.ETag;
        }

        return false;
    }

    private static bool IsStillClaimed(DeliveryRecipientEntity stored, DeliveryRecipientEntity claimed) =>
        stored.Outcome is null && stored.LeaseOwner == claimed.LeaseOwner && stored.LeaseUntil == claimed.LeaseUntil && stored.Attempts == claimed.Attempts;

    private static DeliveryRecipientEntity Settle(DeliveryRecipientEntity claimed, RecipientSendResult result, DeliveryOptions settings, DateTimeOffset now)
    {
        var released = claimed with { LeaseUntil = null, LeaseOwner = null };
        return result switch
        {
            RecipientSendResult.Sent sent => released with
            {
                Outcome = DeliveryOutcomes.Sent, ActivityId = sent.ActivityId, SentAt = now, SettledAt = now, LastError = null, NextAttemptAt = null,
            },
            RecipientSendResult.Unreachable unreachable => Final(released, DeliveryOutcomes.Unreachable, unreachable.Reason, now),
            RecipientSendResult.Rejected rejected => Final(released, DeliveryOutcomes.Failed, rejected.Reason, now),
            RecipientSendResult.Throttled throttled => released with
            {
                Attempts = claimed.Attempts - 1, NextAttemptAt = now + Clamp(throttled.RetryAfter), LastError = "throttled",
            },
            RecipientSendResult.Transient transient when claimed.Attempts >= settings.MaxAttempts => Final(released, DeliveryOutcomes.Failed, transient.Reason, now),
            RecipientSendResult.Transient transient => released with
            {
                NextAttemptAt = now + Backoff(claimed.Attempts, settings), LastError = transient.Reason,
            },
            _ => throw new InvalidOperationException($"Unknown send result {result.GetType().Name}."),
        };
    }

    private static DeliveryRecipientEntity Final(DeliveryRecipientEntity row, string outcome, string reason, DateTimeOffset now) =>
        row with { Outcome = outcome, Reason = reason, LastError = outcome == DeliveryOutcomes.Failed ? reason : row.LastError, SettledAt = now, NextAttemptAt = null };

    /// <summary>The wait after a transient failure: <c>FirstRetryDelay</c> doubled per earlier attempt, capped, ±20 % jitter.</summary>
    public static TimeSpan Backoff(int attempts, DeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var doubled = options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var capped = Math.Min(doubled, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + (Random.Shared.NextDouble() * 0.4)));
    }

    private static TimeSpan Clamp(TimeSpan retryAfter) =>
        retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter > DeliveryQueue.MaxDelay ? DeliveryQueue.MaxDelay : retryAfter;
}
