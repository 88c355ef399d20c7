using LearningBot.Cards;
using LearningBot.OneStopShop.Answers;

namespace LearningBot.Digest.Archive;

/// <summary>
/// The one-stop shop's "In the newsletter" and "The newsletter mentioned this": up to two items of sent editions that match
/// a question well. The first only when the search is at least the threshold sure of it, the second only when it scores
/// close to the first.
/// </summary>
public sealed class DigestNewsletterItems(DigestArchive archive) : INewsletterItems
{
    /// <summary>A second item is shown beside the first only when it scores at least this share of the first's score.</summary>
    public const double SecondOfFirst = 0.75;

    public async Task<IReadOnlyList<NewsletterItem>> ForQuestionAsync(string question, bool besideAnswer, CancellationToken cancellationToken)
    {
        var threshold = besideAnswer ? archive.Options.AnswerThreshold : archive.Options.NotSureThreshold;
        var search = (await archive.CurrentAsync(cancellationToken)).Search(question, 2);
        if (search.Matches.Count == 0 || search.Confidence < threshold)
        {
            return [];
        }

        var best = search.Matches[0];
        return [.. search.Matches
            .Where(match => match == best || match.Score >= SecondOfFirst * best.Score)
            .Select(match => new NewsletterItem(match.Found.Edition.Number, CardText.Literal(match.Found.Item.Shown().Headline), DigestArchiveCards.EditionAndDate(match.Found.Edition)))];
    }
}
