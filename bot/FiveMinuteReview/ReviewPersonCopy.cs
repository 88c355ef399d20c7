using LearningBot.Connector.Hosting;
using LearningBot.Outbox;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Delivers the reviewed person's copy from the outbox: owed by the transaction that saves the review
/// (<see cref="ReviewStore.ConfirmAsync"/>), sent to their 1:1 chat until it arrives, and noted on the review
/// (<see cref="ReviewEntity.SentToPersonAt"/>) so the manager's card can say so.
/// </summary>
public sealed class ReviewPersonCopy(
    ReviewStore store,
    ReviewDelivery delivery,
    ProactiveMessenger messenger,
    TimeProvider clock,
    ILogger<ReviewPersonCopy> logger) : IOutboxHandler
{
    public const string KindName = "review-person-copy";

    public string Kind => KindName;

    /// <summary>One copy per review: the outbox row's id is made from the review id.</summary>
    public static string NotificationId(string reviewId) => TableKeys.Encode(reviewId) + "-copy";

    public static OutboxMessage Message(ReviewEntity review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return new OutboxMessage("copy", KindName, Recipient: review.PersonId, Subject: review.ReviewId);
    }

    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        var managerId = TableKeys.Decode(row.PartitionKey);
        if (row.Subject is not { Length: > 0 } reviewId || await store.GetReviewAsync(managerId, reviewId, cancellationToken) is not { } review)
        {
            return new OutboxResult.Unreachable("review-gone");
        }

        if (review.SentToPersonAt is not null)
        {
            return new OutboxResult.Delivered(null);
        }

        var sent = await messenger.SendCardToPersonAsync(review.PersonId, delivery.PersonCard(review), cancellationToken);
        if (sent is null)
        {
            return new OutboxResult.Unreachable("no-chat-or-blocked");
        }

        try
        {
            var now = clock.GetUtcNow();
            await store.ChangeReviewAsync(managerId, reviewId, saved => saved.SentToPersonAt is null
                ? new EntityDecision<ReviewEntity>.Write(saved with { SentToPersonAt = now })
                : new EntityDecision<ReviewEntity>.Keep(), cancellationToken);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            // The copy went out (the outbox records that); only the note on the review is missing.
            logger.LogWarning(exception, "Review {ReviewId}: the person's copy was sent but could not be noted on the review", reviewId);
        }

        return new OutboxResult.Delivered(sent.ActivityId);
    }
}
