using LearningBot.Cards;

namespace LearningBot.FiveMinuteReview.History;

/// <summary>Data for <c>review-mine</c>: the person's own reviews, newest first, a page at a time.</summary>
/// <param name="NotesLine">What the current manager may see of earlier reviews, in words; empty when there is nothing to ask.</param>
/// <param name="NotesAgree">The answer the notes button gives (true: let them see the notes).</param>
public sealed record MyReviewsCardData(
    string Note, bool HasReviews, IReadOnlyList<MyReviewData> Reviews, string PageLine,
    bool HasNewer, int NewerPage, bool HasOlder, int OlderPage,
    string NotesLine, string NotesButton, string NotesManagerId, bool NotesAgree) : ICardData
{
    public static string CardName => "review-mine";
}

/// <param name="Status">Says in words whether it is acknowledged; <paramref name="StatusColor"/> only emphasises it.</param>
public sealed record MyReviewData(
    string ReviewId, string ManagerId, string Heading, string Objectives, string Status, string StatusColor, bool Acknowledged, string PrintUrl);

/// <summary>Data for <c>review-comment</c>: one of the person's reviews, their comments on it, and a box for another.</summary>
/// <param name="CommentId">Made when the card is shown, so a repeated press of the same card stores the comment once.</param>
public sealed record ReviewCommentCardData(
    string ReviewId, string ManagerId, string CommentId, string Heading, string HeldLine,
    IReadOnlyList<SummarySection> Sections, IReadOnlyList<SummarySection> Comments, string Note, string Comment = "", string Removed = "") : ICardData
{
    public static string CardName => "review-comment";
}

/// <summary>Data for <c>review-notes-ask</c>: may the new manager see the notes of earlier reviews?</summary>
/// <param name="Answer">The answer in words once given; empty while the question is open.</param>
public sealed record NotesAskCardData(string ManagerId, string ManagerName, string ManagerFirstName, bool Answered, string Answer) : ICardData
{
    public static string CardName => "review-notes-ask";

    public static NotesAskCardData For(string managerId, string managerName, bool? answered)
    {
        var first = ReviewSummary.FirstName(managerName);
        return new(managerId, managerName, first, answered is not null, answered switch
        {
            true => $"Thank you. {first} can now see the notes of your earlier reviews. You can change this at any time: type **my reviews**.",
            false => $"Thank you. {first} will see only the objectives and learning needs of your earlier reviews. You can change this at any time: type **my reviews**.",
            null => string.Empty,
        });
    }
}

/// <summary>Data for <c>review-earlier</c>: a person's earlier reviews as their current manager may see them.</summary>
public sealed record EarlierReviewsCardData(string PersonId, string PersonName, string FirstName, string NotesLine, bool HasReviews, IReadOnlyList<EarlierReviewData> Reviews) : ICardData
{
    public static string CardName => "review-earlier";
}

public sealed record EarlierReviewData(string Heading, IReadOnlyList<SummarySection> Sections);
