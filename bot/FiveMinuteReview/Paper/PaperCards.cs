using LearningBot.Cards;

namespace LearningBot.FiveMinuteReview.Paper;

/// <summary>Data for <c>review-paper</c>: recording a review held on paper.</summary>
/// <param name="ReviewId">Made when the card is first shown, so pressing Save twice saves one review.</param>
/// <param name="SignedOnPaper">"true" or "false", as the toggle sends it.</param>
public sealed record ReviewPaperCardData(
    string ReviewId, string Note, int CadenceMonths, IReadOnlyList<ChoiceData> People, string PersonId, string HeldOn, string Today,
    string EarliestHeldOn, string EarliestDate, string LatestDate, IReadOnlyList<ObjectiveData> Objectives, string KeyPoints, string SignedOnPaper) : ICardData
{
    public static string CardName => "review-paper";
}

/// <summary>Data for <c>review-paper-forms</c>: links to the blank form (empty when the bot's public address is unknown).</summary>
public sealed record ReviewPaperFormsCardData(string FormUrl, string LargePrintUrl) : ICardData
{
    public static string CardName => "review-paper-forms";
}
