using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview;

/// <summary>What happened when a manager recorded a review held on paper.</summary>
public enum PaperSaveOutcome
{
    /// <summary>Saved now, with the person's row and (when they use Teams) their copy owed.</summary>
    Saved,

    /// <summary>Saved already by an earlier press of the same card: nothing changed.</summary>
    AlreadySaved,

    /// <summary>The card's review id belongs to a review of another manager: nothing was saved.</summary>
    IdTaken,
}

public sealed partial class ReviewStore
{
    /// <summary>
    /// Saves a review held on paper as a confirmed review, in one transaction with the person's row (unless a later
    /// review is there already) and, when the person uses Teams, the outbox row that owes them their copy. Unlike
    /// <see cref="ConfirmAsync"/> there is no draft: a draft in progress for the person is left alone. Safe to repeat.
    /// </summary>
    public async Task<PaperSaveOutcome> SavePaperReviewAsync(ReviewEntity review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        var table = await _table.GetAsync(cancellationToken);
        var partition = Partition(review.ManagerId);
        if (!await ClaimLocatorAsync(table, review, cancellationToken))
        {
            return PaperSaveOutcome.IdTaken;
        }

        // The person's record (my reviews, a new manager's view) is in their own partition: written first, as ConfirmAsync does.
        await table.UpsertEntityAsync(History.ReviewHistoryEntry.For(review), TableUpdateMode.Merge, cancellationToken);
        var saved = review with { PartitionKey = partition, RowKey = ReviewKey(review.ReviewId) };
        for (var attempt = 0; ; attempt++)
        {
            var existingIndex = await table.FindAsync<PersonIndexEntity>(partition, PersonKey(review.PersonId), cancellationToken: cancellationToken);
            List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, saved)];
            if (existingIndex?.LastReviewedAt is not { } latest || latest <= review.ConfirmedAt)
            {
                var index = PersonIndexEntity.AfterReview(review, partition, PersonKey(review.PersonId));
                actions.Add(existingIndex is null
                    ? new(TableTransactionActionType.Add, index)
                    : new(TableTransactionActionType.UpdateReplace, index, existingIndex.ETag));
            }

            if (review.PersonUsesTeams)
            {
                actions.Add(new(TableTransactionActionType.Add, ReviewPersonCopy.Message(review)
                    .ToEntity(partition, ReviewPersonCopy.NotificationId(review.ReviewId), review.UpdatedAt)));
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return PaperSaveOutcome.Saved;
            }
            catch (TableTransactionFailedException) when (attempt < 3)
            {
                if (await GetReviewAsync(review.ManagerId, review.ReviewId, cancellationToken) is not null)
                {
                    return PaperSaveOutcome.AlreadySaved;
                }

                // Only the person's row moved on (a reminder was recorded meanwhile): read it again and retry.
            }
        }
    }

    /// <summary>The review id's locator, added for this manager; false when another manager's review has that id.</summary>
    private static async Task<bool> ClaimLocatorAsync(TableClient table, ReviewEntity review, CancellationToken cancellationToken)
    {
        var key = TableKeys.Encode(review.ReviewId);
        try
        {
            await table.AddEntityAsync(new ReviewLocatorEntity { PartitionKey = LocatorPartition, RowKey = key, ManagerId = review.ManagerId }, cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
            var existing = await table.FindAsync<ReviewLocatorEntity>(LocatorPartition, key, cancellationToken: cancellationToken);
            return existing?.ManagerId == review.ManagerId;
        }
    }
}
