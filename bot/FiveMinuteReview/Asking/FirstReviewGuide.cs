using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.People;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview.Asking;

/// <summary>
/// A manager's first review (no review and no draft in their partition) starts with a one-card guide and a link
/// to the knowledge base's article; doing one review is what stops it showing.
/// </summary>
public sealed class FirstReviewGuide(ReviewStore store, IPeopleDirectory people, CardCatalog cards, IOptions<AskingOptions> options)
{
    public const string ArticleId = "five-minute-review";

    /// <summary>Sent by the guide's Start button, so the review opens past it.</summary>
    public const string GuidedKey = "guided";

    /// <summary>The guide for the manager's first review of <paramref name="personId"/>, or null when it is not their first.</summary>
    public async Task<JsonObject?> CardForAsync(string managerId, string personId, CancellationToken cancellationToken)
    {
        if (!options.Value.FirstReviewGuide)
        {
            return null;
        }

        var rows = await store.GetTeamRowsAsync(managerId, cancellationToken);
        if (rows.Drafts.Count > 0 || rows.People.Values.Any(p => p.LastReviewId is not null))
        {
            return null;
        }

        var person = await people.GetPersonAsync(personId, cancellationToken);
        return cards.Render(new ReviewGuideCardData(personId, ReviewSummary.FirstName(person?.DisplayName), ArticleId));
    }
}
