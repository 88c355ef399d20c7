using LearningBot.Cards;

namespace LearningBot.FiveMinuteReview.Asking;

/// <summary>Data for <c>review-request</c>: the person asks their manager for a review.</summary>
/// <param name="Sent">True once the request is sent (or was sent recently): the card then only says so in <paramref name="Status"/>.</param>
/// <param name="Note">Why the card came back (something was removed from what they wrote); empty otherwise.</param>
public sealed record ReviewRequestCardData(
    string ManagerName, bool Sent, string Status, IReadOnlyList<ChoiceData> Reasons,
    string Reason = "", string ReasonWords = "", string OwnView = "", string Note = "") : ICardData
{
    public static string CardName => "review-request";
}

/// <summary>Data for <c>review-request-note</c>: the manager is told that someone would like a review.</summary>
/// <param name="ViewLine">Says the person's own view is waiting on step 2; empty when they did not write one.</param>
public sealed record ReviewRequestNoteCardData(
    string PersonId, string PersonName, string FirstName, string Reason, string ReasonWords, string ViewLine) : ICardData
{
    public static string CardName => "review-request-note";
}

/// <summary>Data for <c>review-discard</c>: confirms discarding a draft, at the version the step card showed.</summary>
public sealed record ReviewDiscardCardData(
    string ReviewId, string PersonId, string Etag, int Revision, int Step, string PersonName, string FirstName) : ICardData
{
    public static string CardName => "review-discard";
}

/// <summary>Data for <c>review-guide</c>: a manager's first review starts here.</summary>
public sealed record ReviewGuideCardData(string PersonId, string FirstName, string ArticleId) : ICardData
{
    public static string CardName => "review-guide";
}
