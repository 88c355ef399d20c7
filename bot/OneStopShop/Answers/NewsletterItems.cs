namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Items of sent newsletter editions that match a question well, for the answer card's "In the newsletter" and the not-sure
/// card's "The newsletter mentioned this" (the digest archive provides them). At most two; none when nothing matches well.
/// </summary>
public interface INewsletterItems
{
    /// <param name="besideAnswer">True under an answer; false on the not-sure card, where a closer match is needed.</param>
    Task<IReadOnlyList<NewsletterItem>> ForQuestionAsync(string question, bool besideAnswer, CancellationToken cancellationToken);
}

/// <summary>An item named on the answer card: its headline and its edition and date ("Edition 7, 2 December 2026"), ready to display.</summary>
public sealed record NewsletterItem(int Number, string Headline, string Edition);
