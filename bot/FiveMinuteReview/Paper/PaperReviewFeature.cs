using System.Text.Json.Nodes;
using LearningBot.BotHost;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.People;

namespace LearningBot.FiveMinuteReview.Paper;

/// <summary>
/// Reviews away from a computer: <c>review form</c> links the blank printable form, and <c>record paper review</c>
/// (or a person's "Record a paper review" on the team card) records one held on paper as a completed review, so
/// coverage, reminders and the team card stay true and the person gets their copy. Every save re-checks that the
/// caller manages the person (direct reports, volunteers who report to a coordinator, people the manager added).
/// </summary>
public sealed class PaperReviewFeature(
    PaperReviewForm form,
    ReviewStore store,
    ReviewDelivery delivery,
    IPeopleDirectory people,
    ReviewPrivateChat privateChat,
    CardCatalog cards,
    PublicLinks links,
    ILogger<PaperReviewFeature> logger) : IBotFeature
{
    public const string NotYours = "Sorry, you can only record a review for someone you look after. Type **review** to see your team.";

    public const string IdTaken = "Sorry, that review couldn't be saved. Please type **record paper review** and enter it again.";

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCommand(ShowFormsAsync, "review form", "review forms", "blank review form", "paper review form")
            .OnCommand(ShowRecordCardAsync, "record paper review", "record a paper review", "record a review held on paper")
            .OnCardAction(PaperVerbs.Forms, (turn, _) => Task.FromResult(CardActionResult.Replace(FormsCard())))
            .OnCardAction(PaperVerbs.Record, Private(RecordAsync))
            .OnCardAction(PaperVerbs.Save, Private(SaveAsync));
    }

    /// <summary>The blank form holds nothing personal, so its links may be given anywhere.</summary>
    private async Task ShowFormsAsync(ITurnContext turn) => await turn.SendCardAsync(FormsCard());

    private async Task ShowRecordCardAsync(ITurnContext turn) =>
        await turn.SendCardAsync(ReviewPrivateChat.IsShared(turn.Activity)
            ? await privateChat.RedirectAsync(turn)
            : await form.RenderAsync(turn.CallerKey(), [], null, string.Empty, turn.Aborted));

    private CardActionHandler Private(CardActionHandler handler) => async (turn, action) =>
        ReviewPrivateChat.IsShared(turn.Activity) ? CardActionResult.Replace(await privateChat.RedirectAsync(turn)) : await handler(turn, action);

    private async Task<CardActionResult> RecordAsync(ITurnContext turn, CardActionRequest action)
    {
        var values = new JsonObject();
        if (action.GetString("personId") is { } personId)
        {
            if (!await people.IsManagerOfAsync(turn.CallerKey(), personId, turn.Aborted))
            {
                return CardActionResult.Message(NotYours);
            }

            values["personId"] = personId;
        }

        return CardActionResult.Replace(await form.RenderAsync(turn.CallerKey(), values, null, string.Empty, turn.Aborted));
    }

    private async Task<CardActionResult> SaveAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        var reviewId = action.GetString("reviewId");
        if (!PaperReviewForm.IsReviewId(reviewId))
        {
            return CardActionResult.Replace(await form.RenderAsync(caller, [], null, "That card is out of date. Here is a new one.", turn.Aborted));
        }

        // A second press (double click, redelivery) finds the review saved and shows it.
        if (await store.GetReviewAsync(caller, reviewId!, turn.Aborted) is { } done)
        {
            return CardActionResult.Update(await delivery.SavedCardAsync(done, turn.Aborted));
        }

        var submitted = action.Submitted();
        var shown = await form.RenderAsync(caller, submitted, reviewId, string.Empty, turn.Aborted);
        if (CardSubmission.Refusal(shown, submitted, alsoWrong: PaperReviewForm.ExtraProblems(submitted)) is { } refusal)
        {
            return refusal;
        }

        var answers = form.Read(submitted);
        if (!await people.IsManagerOfAsync(caller, answers.PersonId, turn.Aborted) || await people.GetPersonAsync(answers.PersonId, turn.Aborted) is not { } person)
        {
            return CardActionResult.Message(NotYours);
        }

        if (answers.Removed.Count > 0)
        {
            // Nothing is saved until the manager has seen what was removed and presses again.
            return CardActionResult.Replace(await form.RenderAsync(caller, PaperReviewForm.Scrubbed(submitted, answers), reviewId,
                ReviewForms.RemovedNote(answers.Removed), turn.Aborted));
        }

        var review = form.Review(reviewId!, caller, turn.Caller.Name, person, answers);
        switch (await store.SavePaperReviewAsync(review, turn.Aborted))
        {
            case PaperSaveOutcome.Saved:
                logger.LogInformation("Review {ReviewId} held on paper recorded", review.ReviewId);
                return CardActionResult.Update(await delivery.DeliverAsync(review, turn.Aborted));
            case PaperSaveOutcome.AlreadySaved when await store.GetReviewAsync(caller, review.ReviewId, turn.Aborted) is { } saved:
                return CardActionResult.Update(await delivery.SavedCardAsync(saved, turn.Aborted));
            default:
                return CardActionResult.Message(IdTaken);
        }
    }

    private JsonObject FormsCard()
    {
        var baseUrl = links.CurrentBaseUrl?.TrimEnd('/');
        return cards.Render(baseUrl is null
            ? new ReviewPaperFormsCardData(string.Empty, string.Empty)
            : new ReviewPaperFormsCardData(baseUrl + BlankFormPage.Path, baseUrl + BlankFormPage.Path + "?size=" + BlankFormPage.LargePrint));
    }
}
