using Azure;
using Azure.Data.Tables;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview.History;

/// <summary>
/// A person's review record, whoever managed them: an entry per confirmed review in the person's own partition
/// (<c>history|person</c>) pointing at the review in its manager's partition, the comments they added, and their
/// answer, per manager, about sharing the notes of reviews held with someone else. Reviews saved before entries were
/// kept are found once, by a query across managers, and entered then.
/// </summary>
public sealed class ReviewHistory(TableStorage tables, ReviewStore store, ProactiveMessenger messenger, CardCatalog cards, ILogger<ReviewHistory> logger)
{
    private const string EntryPrefix = "entry|";
    private const string CommentPrefix = "comment|";
    private const string NotesPrefix = "notes|";
    private const string BackfilledKey = "backfilled";

    private readonly LazyTable _table = tables.Table(ReviewStore.TableName);

    public static string Partition(string personId) => "history|" + TableKeys.Encode(personId);

    public static string EntryKey(string reviewId) => EntryPrefix + TableKeys.Encode(reviewId);

    public static string CommentKey(string reviewId, string commentId) => $"{CommentPrefix}{TableKeys.Encode(reviewId)}|{TableKeys.Encode(commentId)}";

    public static string NotesKey(string managerId) => NotesPrefix + TableKeys.Encode(managerId);

    /// <summary>The person's reviews, newest first, each read from its manager's partition; entries whose save never completed are left out.</summary>
    public async Task<IReadOnlyList<ReviewEntity>> ReviewsAsync(string personId, CancellationToken cancellationToken)
    {
        var reviews = new List<ReviewEntity>();
        foreach (var entry in await EntriesAsync(personId, cancellationToken))
        {
            if (await store.GetReviewAsync(entry.ManagerId, entry.ReviewId, cancellationToken) is { } review && review.PersonId == personId)
            {
                reviews.Add(review);
            }
        }

        return [.. reviews.OrderByDescending(r => r.ConfirmedAt)];
    }

    /// <summary>The person's latest review, whoever held it.</summary>
    public async Task<ReviewEntity?> LatestAsync(string personId, CancellationToken cancellationToken)
    {
        foreach (var entry in await EntriesAsync(personId, cancellationToken))
        {
            if (await store.GetReviewAsync(entry.ManagerId, entry.ReviewId, cancellationToken) is { } review && review.PersonId == personId)
            {
                return review;
            }
        }

        return null;
    }

    /// <summary>One of the person's own reviews: null unless the review is about them.</summary>
    public async Task<ReviewEntity?> OwnReviewAsync(string personId, string? managerId, string? reviewId, CancellationToken cancellationToken) =>
        managerId is null || reviewId is null
            ? null
            : await store.GetReviewAsync(managerId, reviewId, cancellationToken) is { } review && string.Equals(review.PersonId, personId, StringComparison.OrdinalIgnoreCase)
                ? review
                : null;

    /// <summary>The person's entries, newest first.</summary>
    public async Task<IReadOnlyList<ReviewHistoryEntry>> EntriesAsync(string personId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var partition = Partition(personId);
        if (await table.FindAsync<HistoryBackfilledEntity>(partition, BackfilledKey, cancellationToken: cancellationToken) is null)
        {
            await BackfillAsync(table, personId, cancellationToken);
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {EntryPrefix} and RowKey lt {"entry}"}");
        var entries = await table.ListAsync<ReviewHistoryEntry>(filter, cancellationToken: cancellationToken);
        return [.. entries.OrderByDescending(e => e.ConfirmedAt)];
    }

    /// <summary>Adds a comment once: false when this comment (the same card's press) was stored already.</summary>
    public async Task<bool> AddCommentAsync(string personId, string reviewId, string commentId, ScrubbedText text, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(ReviewCommentEntity.For(personId, reviewId, commentId, text, now), cancellationToken);
            return true;
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
            return false;
        }
    }

    /// <summary>The comments the person added to a review, oldest first.</summary>
    public async Task<IReadOnlyList<ReviewCommentEntity>> CommentsAsync(string personId, string reviewId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var prefix = $"{CommentPrefix}{TableKeys.Encode(reviewId)}|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(personId)} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        var comments = await table.ListAsync<ReviewCommentEntity>(filter, cancellationToken: cancellationToken);
        return [.. comments.OrderBy(c => c.AddedAt)];
    }

    public async Task<NotesConsentEntity?> NotesConsentAsync(string personId, string managerId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<NotesConsentEntity>(Partition(personId), NotesKey(managerId), cancellationToken: cancellationToken);
    }

    /// <summary>True when the person agreed that this manager may see the notes of reviews held with other managers.</summary>
    public async Task<bool> MaySeeNotesAsync(string personId, string managerId, CancellationToken cancellationToken) =>
        (await NotesConsentAsync(personId, managerId, cancellationToken))?.Agreed == true;

    /// <summary>
    /// Asks the person, once for each new manager, whether that manager may see the notes of their earlier reviews:
    /// only the first caller records the question, so the card is never sent twice.
    /// </summary>
    public async Task AskAboutNotesOnceAsync(ReviewEntity draft, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(new NotesConsentEntity
            {
                PartitionKey = Partition(draft.PersonId),
                RowKey = NotesKey(draft.ManagerId),
                ManagerId = draft.ManagerId,
                ManagerName = draft.ManagerName,
                AskedAt = now,
            }, cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
            return;
        }

        if (draft.PersonUsesTeams
            && await messenger.SendCardToPersonAsync(draft.PersonId, cards.Render(NotesAskCardData.For(draft.ManagerId, draft.ManagerName, answered: null)), cancellationToken) is null)
        {
            logger.LogInformation("Could not ask person {PersonId} about sharing notes; they can answer in my reviews", draft.PersonId);
        }
    }

    /// <summary>Records the person's answer about a manager (the first answer, or a change made later in "my reviews").</summary>
    public async Task<NotesConsentEntity> AnswerAboutNotesAsync(string personId, string managerId, string managerName, bool agreed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var existing = await NotesConsentAsync(personId, managerId, cancellationToken);
        var answer = new NotesConsentEntity
        {
            PartitionKey = Partition(personId),
            RowKey = NotesKey(managerId),
            ManagerId = managerId,
            ManagerName = managerName,
            AskedAt = existing?.AskedAt ?? now,
            Agreed = agreed,
            AnsweredAt = now,
        };
        await table.UpsertEntityAsync(answer, TableUpdateMode.Replace, cancellationToken);
        return answer;
    }

    /// <summary>Enters, once, the reviews of this person saved before entries were kept (one query across managers' partitions).</summary>
    private static async Task BackfillAsync(TableClient table, string personId, CancellationToken cancellationToken)
    {
        string[] select = [nameof(ReviewEntity.ReviewId), nameof(ReviewEntity.PersonId), nameof(ReviewEntity.ManagerId), nameof(ReviewEntity.ManagerName), nameof(ReviewEntity.ConfirmedAt)];
        var filter = TableClient.CreateQueryFilter($"RowKey ge {"review|"} and RowKey lt {"review}"} and PersonId eq {personId}");
        foreach (var review in await table.ListAsync<ReviewEntity>(filter, select, cancellationToken))
        {
            await table.UpsertEntityAsync(ReviewHistoryEntry.For(review), TableUpdateMode.Merge, cancellationToken);
        }

        await table.UpsertEntityAsync(new HistoryBackfilledEntity { PartitionKey = Partition(personId), RowKey = BackfilledKey }, TableUpdateMode.Replace, cancellationToken);
    }
}
