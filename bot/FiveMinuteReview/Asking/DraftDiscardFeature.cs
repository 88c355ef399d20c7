using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.FiveMinuteReview.Asking;

/// <summary>
/// "Discard draft" on a step card: a confirm card, then the draft is deleted at the version the step card showed, so
/// a stale press (another device saved since) changes nothing. The person then shows as not started on the team card.
/// </summary>
public sealed class DraftDiscardFeature(
    ReviewDrafts drafts,
    ReviewRequests requests,
    ReviewForms forms,
    ReviewTeamView team,
    ReviewPrivateChat privateChat,
    CardCatalog cards,
    ILogger<DraftDiscardFeature> logger) : IBotFeature
{
    public const string ChangedNote =
        "This draft was changed on another device after that card was shown, so nothing was discarded. Here is the latest version.";

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCardAction(AskingVerbs.Discard, Private(ConfirmCardAsync))
            .OnCardAction(AskingVerbs.ConfirmDiscard, Private(DiscardAsync));
    }

    private CardActionHandler Private(CardActionHandler handler) => async (turn, action) =>
        ReviewPrivateChat.IsShared(turn.Activity) ? CardActionResult.Replace(await privateChat.RedirectAsync(turn)) : await handler(turn, action);

    private async Task<CardActionResult> ConfirmCardAsync(ITurnContext turn, CardActionRequest action)
    {
        var access = await drafts.OpenAsync(turn, action);
        if (access.IsRefused(out var denied, out var draft))
        {
            return denied;
        }

        var shown = CardVersion.Of(action);
        if (!shown.Shows(draft))
        {
            return CardActionResult.Replace(forms.Render(draft, draft.Step, ChangedNote));
        }

        return CardActionResult.Replace(cards.Render(new ReviewDiscardCardData(draft.ReviewId, draft.PersonId, shown.ETag.ToString(),
            shown.Revision ?? draft.Revision, action.GetInt("step") ?? draft.Step, draft.PersonName, ReviewSummary.FirstName(draft.PersonName))));
    }

    private async Task<CardActionResult> DiscardAsync(ITurnContext turn, CardActionRequest action)
    {
        var access = await drafts.OpenAsync(turn, action);
        if (access.IsRefused(out var denied, out var draft))
        {
            return denied;
        }

        // Deleted only at the version read, and only when that is what the card showed.
        if (!CardVersion.Of(action).Shows(draft) || !await requests.DeleteDraftAsync(draft.ManagerId, draft.PersonId, draft.ETag, turn.Aborted))
        {
            return await drafts.OpenAsync(turn, action) is DraftAccess.Allowed { Draft: var latest }
                ? CardActionResult.Replace(forms.Render(latest, latest.Step, ChangedNote))
                : CardActionResult.Replace(await team.RenderAsync(turn.CallerKey(), string.Empty, turn.Aborted));
        }

        logger.LogInformation("Review draft {ReviewId} discarded", draft.ReviewId);
        var note = $"Your draft review with {draft.PersonName} has been discarded. Choose them again to start afresh.";
        return CardActionResult.Update(await team.RenderAsync(turn.CallerKey(), note, turn.Aborted));
    }
}
