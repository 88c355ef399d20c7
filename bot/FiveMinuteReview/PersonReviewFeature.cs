using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// The reviewed person's side of the Five Minute Review: sharing their view before the conversation, and
/// acknowledging their copy afterwards. Both reach only what is theirs: the draft filed under their own key, or a
/// review whose person is them.
/// </summary>
public sealed class PersonReviewFeature(ReviewStore store, ReviewDelivery delivery, TimeProvider clock) : IBotFeature
{
    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCardAction(ReviewVerbs.ShareView, Private(ShareViewAsync))
            .OnCardAction(ReviewVerbs.Acknowledge, Private(AcknowledgeAsync));
    }

    /// <summary>The person's cards only ever reach their 1:1 chat; pressed anywhere else, they show nothing of the review.</summary>
    private static CardActionHandler Private(CardActionHandler handler) => (turn, action) =>
        ReviewPrivateChat.IsShared(turn.Activity) ? Task.FromResult(CardActionResult.Message(ReviewPrivateChat.PersonNotice)) : handler(turn, action);

    /// <summary>The person answers the "your view" card: it can only reach the draft keyed by their own id.</summary>
    private async Task<CardActionResult> ShareViewAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        if (action.GetString("managerId") is not { } managerId
            || await store.GetDraftAsync(managerId, caller, turn.Aborted) is not { } draft
            || draft.ReviewId != action.GetString("reviewId"))
        {
            return CardActionResult.Message("Thank you. That review has already been finished, so there is nothing more to add here.");
        }

        var submitted = action.Submitted();
        if (CardSubmission.Refusal(delivery.AskCard(draft, answered: false), submitted) is { } refusal)
        {
            return refusal;
        }

        // Nothing is saved or sent while something had to be removed: the person sees the scrubbed text first.
        var view = PersonalDataScrubber.Scrub(ReviewForms.Text(submitted, "ownView"), Today());
        if (view.WasScrubbed)
        {
            return CardActionResult.Replace(delivery.AskCard(draft, answered: false, view.Text, PersonalDataScrubber.DescribeAll(view.Removed)));
        }

        if (await store.UpdateDraftAsync(managerId, caller, d => d.WithPersonOwnView(view), turn.Aborted) is { } updated)
        {
            await delivery.TellManagerAsync(updated.ManagerId,
                $"{updated.PersonName} has sent their view for your Five Minute Review. You'll see it on step 2.", turn.Aborted);
        }

        return CardActionResult.Update(delivery.AskCard(draft, answered: true));
    }

    /// <summary>The person acknowledges their copy, with an optional comment: only they may, and only once.</summary>
    private async Task<CardActionResult> AcknowledgeAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        if (action.GetString("managerId") is not { } managerId
            || action.GetString("reviewId") is not { } reviewId
            || await store.GetReviewAsync(managerId, reviewId, turn.Aborted) is not { } review
            || !string.Equals(review.PersonId, caller, StringComparison.OrdinalIgnoreCase))
        {
            return CardActionResult.Message("Sorry, only the person a review is about can acknowledge it.");
        }

        var submitted = action.Submitted();
        if (CardSubmission.Refusal(delivery.PersonCard(review), submitted) is { } refusal)
        {
            return refusal;
        }

        var comment = PersonalDataScrubber.Scrub(ReviewForms.Text(submitted, "comment"), Today());
        if (comment.WasScrubbed && review.AcknowledgedAt is null)
        {
            return CardActionResult.Replace(delivery.PersonCard(review, comment.Text, PersonalDataScrubber.DescribeAll(comment.Removed)));
        }

        var acknowledgment = await store.AcknowledgeAsync(review, comment, clock.GetUtcNow(), turn.Aborted);
        if (acknowledgment.Changed)
        {
            await delivery.TellManagerOfAcknowledgmentAsync(acknowledgment.Entity, turn.Aborted);
        }

        return CardActionResult.Update(delivery.PersonCard(acknowledgment.Entity));
    }

    private DateOnly Today() => UkTime.Today(clock);
}
