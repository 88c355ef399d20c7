using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview.History;

/// <summary>
/// One row per confirmed review in the reviewed person's partition (RowKey <c>entry|review id</c>): where the review
/// is kept (its manager's partition), so the person's record follows them whoever manages them.
/// </summary>
public sealed record ReviewHistoryEntry : TableRow
{
    public string ReviewId { get; init; } = string.Empty;
    public string PersonId { get; init; } = string.Empty;
    public string ManagerId { get; init; } = string.Empty;
    public string ManagerName { get; init; } = string.Empty;
    public DateTimeOffset? ConfirmedAt { get; init; }

    /// <summary>The entry for a review being confirmed.</summary>
    public static ReviewHistoryEntry For(ReviewEntity review) => new()
    {
        PartitionKey = ReviewHistory.Partition(review.PersonId),
        RowKey = ReviewHistory.EntryKey(review.ReviewId),
        ReviewId = review.ReviewId,
        PersonId = review.PersonId,
        ManagerId = review.ManagerId,
        ManagerName = review.ManagerName,
        ConfirmedAt = review.ConfirmedAt,
    };
}

/// <summary>A comment the person added to one of their reviews (RowKey <c>comment|review id|comment id</c>), stored scrubbed.</summary>
public sealed record ReviewCommentEntity : TableRow
{
    public string ReviewId { get; init; } = string.Empty;
    public string Text { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;
    public DateTimeOffset AddedAt { get; init; }

#pragma warning disable LB0001 // The only way the comment's text gets in: from ScrubbedText.
    public static ReviewCommentEntity For(string personId, string reviewId, string commentId, ScrubbedText text, DateTimeOffset now) => new()
    {
        PartitionKey = ReviewHistory.Partition(personId),
        RowKey = ReviewHistory.CommentKey(reviewId, commentId),
        ReviewId = reviewId,
        Text = text.Text,
        AddedAt = now,
    };
#pragma warning restore LB0001
}

/// <summary>
/// The person's answer about one manager (RowKey <c>notes|manager id</c>): whether that manager may see the notes of
/// reviews held with other managers. Asked once, when the manager first starts a review; null until answered.
/// </summary>
public sealed record NotesConsentEntity : TableRow
{
    public string ManagerId { get; init; } = string.Empty;
    public string ManagerName { get; init; } = string.Empty;
    public DateTimeOffset? AskedAt { get; init; }
    public bool? Agreed { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
}

/// <summary>Marks a person's partition as holding entries for every review saved before entries were kept.</summary>
public sealed record HistoryBackfilledEntity : TableRow;
