using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.FiveMinuteReview.Asking;
using LearningBot.People;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// The manager's side of the Five Minute Review: the team card, opening (or starting) a person's draft, adding someone
/// without a Teams account, four short steps and a summary with Next, Back and Pause, asking the person for their view,
/// and confirming. Every press re-checks that the caller manages the person, saves at the version the card was made
/// from (<see cref="ReviewDrafts"/>), and can be repeated safely.
/// </summary>
public sealed class ManagerReviewFeature(
    ReviewDrafts drafts,
    ReviewStore store,
    ReviewForms forms,
    ReviewTeamView team,
    ReviewDelivery delivery,
    IPeopleDirectory people,
    ReviewPrivateChat privateChat,
    TimeProvider clock,
    IOptions<ReviewOptions> options,
    ILogger<ManagerReviewFeature> logger,
    FirstReviewGuide guide) : IBotFeature
{
    /// <summary>Every route answers in a channel or group chat with <see cref="ReviewPrivateChat"/>'s card: nothing personal is shown there.</summary>
    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCommand(ShowTeamAsync, "review", "reviews", "five minute review", "5 minute review", "5 min review", "five min review", "my team")
            .OnCardAction(ReviewVerbs.Start, Private(TeamCardAsync))
            .OnCardAction(ReviewVerbs.Team, Private(TeamCardAsync))
            .OnCardAction(ReviewVerbs.Open, Private(OpenAsync))
            .OnCardAction(ReviewVerbs.AddPerson, Private(AddPersonAsync))
            .OnCardAction(ReviewVerbs.Next, Private((turn, action) => MoveAsync(turn, action, +1)))
            .OnCardAction(ReviewVerbs.Back, Private((turn, action) => MoveAsync(turn, action, -1)))
            .OnCardAction(ReviewVerbs.Pause, Private((turn, action) => MoveAsync(turn, action, 0)))
            .OnCardAction(ReviewVerbs.AskForView, Private(AskForViewAsync))
            .OnCardAction(ReviewVerbs.Confirm, Private(ConfirmAsync));
    }

    private async Task ShowTeamAsync(ITurnContext turn) =>
        await turn.SendCardAsync(ReviewPrivateChat.IsShared(turn.Activity)
            ? await privateChat.RedirectAsync(turn)
            : await team.RenderAsync(turn.CallerKey(), string.Empty, turn.Aborted));

    /// <summary>The handler in a 1:1 chat; in a shared conversation, the card pointing there instead, and the handler never runs.</summary>
    private CardActionHandler Private(CardActionHandler handler) => async (turn, action) =>
        ReviewPrivateChat.IsShared(turn.Activity) ? CardActionResult.Replace(await privateChat.RedirectAsync(turn)) : await handler(turn, action);

    private async Task<CardActionResult> TeamCardAsync(ITurnContext turn, CardActionRequest action) =>
        CardActionResult.Replace(await team.RenderAsync(turn.CallerKey(), string.Empty, turn.Aborted, action.GetInt("page") ?? 1));

    private async Task<CardActionResult> OpenAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        var personId = action.GetString("personId");
        if (personId is null || !await people.IsManagerOfAsync(caller, personId, turn.Aborted))
        {
            return CardActionResult.Message(ReviewDrafts.NotYourReview);
        }

        if (action.GetString(FirstReviewGuide.GuidedKey) is null && await guide.CardForAsync(caller, personId, turn.Aborted) is { } firstTime)
        {
            return CardActionResult.Replace(firstTime);
        }

        var draft = await drafts.ResumeOrStartAsync(caller, turn.Caller.Name, personId, turn.Aborted);
        return draft is null
            ? CardActionResult.Message("Sorry, I can't find that person any more. Type **review** to see your team again.")
            : CardActionResult.Replace(forms.Render(draft, draft.Step));
    }

    /// <summary>Someone without a Teams account, added to the manager's team from the team card; their review starts at once.</summary>
    private async Task<CardActionResult> AddPersonAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        var submitted = action.Submitted();
        if (CardSubmission.Refusal(await team.RenderAsync(caller, string.Empty, turn.Aborted), submitted) is { } refusal)
        {
            return refusal;
        }

        Person person;
        try
        {
            person = await people.AddPersonAsync(caller, new NewPerson(
                ReviewForms.Text(submitted, "newName"),
                Optional(ReviewForms.Text(submitted, "newRole")),
                Optional(ReviewForms.Text(submitted, "newOrganisation")),
                Optional(ReviewForms.Text(submitted, "newOrganisationKind"))), turn.Aborted);
        }
        catch (ArgumentException exception)
        {
            // The directory's messages are written for the manager; only the parameter name is trimmed off.
            var message = exception.ParamName is { } name ? exception.Message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal) : exception.Message;
            return CardActionResult.Replace(await team.RenderAsync(caller, message, turn.Aborted));
        }

        logger.LogInformation("Manager {ManagerId} added person {PersonId} without a Teams account", caller, person.Id);
        var draft = await drafts.ResumeOrStartAsync(caller, turn.Caller.Name, person.Id, turn.Aborted);
        return draft is null
            ? CardActionResult.Message("Sorry, I couldn't add that person. Please try again.")
            : CardActionResult.Update(forms.Render(draft, draft.Step));
    }

    /// <summary>Next (+1), Back (-1) or Pause (0): saves the step's answers, then shows where the manager is going.</summary>
    private async Task<CardActionResult> MoveAsync(ITurnContext turn, CardActionRequest action, int direction)
    {
        var access = await drafts.OpenAsync(turn, action);
        if (access.IsRefused(out var denied, out var draft))
        {
            return denied;
        }

        var step = StepOf(action, draft);
        var submitted = action.Submitted();
        if (StepRefusal(forms.Render(draft, step), step, submitted, complete: direction > 0) is { } refusal)
        {
            return refusal;
        }

        var target = Math.Clamp(step + direction, ReviewSteps.Feedback, ReviewSteps.Summary);
        var saved = await drafts.SaveStepAsync(draft, step, target, submitted, CardVersion.Of(action), turn.Aborted);
        if (saved.Superseded)
        {
            return CardActionResult.Replace(forms.Render(saved.Draft, saved.Draft.Step, ReviewDrafts.ConflictNote));
        }

        if (saved.Removed.Count > 0)
        {
            // Saved scrubbed, and still on this step: the manager sees what was removed before going anywhere.
            return CardActionResult.Update(forms.Render(saved.Draft, step, ReviewForms.RemovedNote(saved.Removed)));
        }

        if (direction == 0)
        {
            var note = $"Your review with {saved.Draft.PersonName} is saved as a draft. Choose them again to carry on where you stopped, on any device.";
            return CardActionResult.Update(await team.RenderAsync(turn.CallerKey(), note, turn.Aborted));
        }

        return CardActionResult.Update(CardReply.FromJson(SentStep(saved.Draft, target)));
    }

    /// <summary>Step 2's "ask them first": sends the person a short card for their view and keeps what the manager wrote so far.</summary>
    private async Task<CardActionResult> AskForViewAsync(ITurnContext turn, CardActionRequest action)
    {
        var access = await drafts.OpenAsync(turn, action);
        if (access.IsRefused(out var denied, out var draft))
        {
            return denied;
        }

        var submitted = action.Submitted();
        if (StepRefusal(forms.Render(draft, ReviewSteps.TheirView), ReviewSteps.TheirView, submitted, complete: false) is { } refusal)
        {
            return refusal;
        }

        var sent = draft.PersonUsesTeams && await delivery.AskForViewAsync(draft, turn.Aborted);
        var saved = await drafts.SaveStepAsync(draft, ReviewSteps.TheirView, ReviewSteps.TheirView, submitted, CardVersion.Of(action), turn.Aborted,
            sent ? clock.GetUtcNow() : null);
        if (saved.Superseded)
        {
            return CardActionResult.Replace(forms.Render(saved.Draft, saved.Draft.Step, ReviewDrafts.ConflictNote));
        }

        var first = ReviewSummary.FirstName(draft.PersonName);
        var note = sent
            ? $"I've sent {first} a short card asking for their view. Their answer will appear on this step; you can pause and come back."
            : $"{first} hasn't used LearningBot in Teams yet, so I couldn't send them a card. Ask them in person and note their view here.";
        if (saved.Removed.Count > 0)
        {
            note += " " + ReviewForms.RemovedNote(saved.Removed);
        }

        return CardActionResult.Update(forms.Render(saved.Draft, ReviewSteps.TheirView, note));
    }

    /// <summary>Saves the review the summary shows, in one transaction; confirming again shows the saved review.</summary>
    private async Task<CardActionResult> ConfirmAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        if (action.GetString("reviewId") is { } reviewId && await store.GetReviewAsync(caller, reviewId, turn.Aborted) is { } done)
        {
            return CardActionResult.Replace(await delivery.SavedCardAsync(done, turn.Aborted));
        }

        var access = await drafts.OpenAsync(turn, action);
        if (access.IsRefused(out var denied, out var draft))
        {
            return denied;
        }

        var submitted = action.Submitted();
        if (StepRefusal(RenderStep(draft, ReviewSteps.Summary), ReviewSteps.Summary, submitted, complete: true) is { } refusal)
        {
            return refusal;
        }

        // The summary the manager confirmed must still be the draft's content: only the person's own view may have arrived since.
        if (!CardVersion.Of(action).Shows(draft))
        {
            return CardActionResult.Replace(forms.Render(draft, draft.Step, ReviewDrafts.ConflictNote));
        }

        // Whatever the card sent, a draft with a required answer missing on any step (a crafted press, or steps
        // skipped) is not saved: the first such step comes back with what is missing marked.
        if (forms.IncompleteCard(draft) is { } incomplete)
        {
            logger.LogInformation("Review {ReviewId} not confirmed: required answers are missing", draft.ReviewId);
            return CardActionResult.Replace(incomplete);
        }

        var now = clock.GetUtcNow();
        var review = ReviewForms.Apply(draft, ReviewSteps.Summary, submitted, UkTime.Today(now)).Draft with
        {
            ManagerName = turn.Caller.Name ?? draft.ManagerName,
            Step = ReviewSteps.Summary,
            ConfirmedAt = now,
            UpdatedAt = now,
            DurationSeconds = Math.Round((now - draft.StartedAt).TotalSeconds, 1),
            ETag = default,
        };
        switch (await store.ConfirmAsync(review, draft.ETag, turn.Aborted))
        {
            case ConfirmOutcome.Saved:
                logger.LogInformation("Review {ReviewId} confirmed after {DurationSeconds} s", review.ReviewId, review.DurationSeconds);
                return CardActionResult.Update(await delivery.DeliverAsync(review, turn.Aborted));
            case ConfirmOutcome.AlreadySaved { Review: var saved }:
                return CardActionResult.Update(await delivery.SavedCardAsync(saved, turn.Aborted));
            default:
                var latest = await store.GetDraftAsync(caller, draft.PersonId, turn.Aborted);
                return latest is null
                    ? CardActionResult.Replace(await team.RenderAsync(caller, "That draft is no longer there.", turn.Aborted))
                    : CardActionResult.Replace(forms.Render(latest, latest.Step, ReviewDrafts.ConflictNote));
        }
    }

    private JsonObject RenderStep(ReviewEntity draft, int step) =>
        step == ReviewSteps.Summary
            ? forms.Render(draft, step, afterSave: AfterSaveText(draft), nextReview: DefaultNextReview(draft))
            : forms.Render(draft, step);

    /// <summary>The step as <see cref="RenderStep"/> shows it, kept as its bound JSON: the card is only sent.</summary>
    private JsonNode SentStep(ReviewEntity draft, int step) =>
        step == ReviewSteps.Summary
            ? forms.RenderJson(draft, step, afterSave: AfterSaveText(draft), nextReview: DefaultNextReview(draft))
            : forms.RenderJson(draft, step);

    private string DefaultNextReview(ReviewEntity draft) =>
        draft.NextReviewOn.Length > 0 ? draft.NextReviewOn : ReviewDates.Day(ReviewDates.Today(clock).AddMonths(options.Value.CadenceMonths));

    private static string AfterSaveText(ReviewEntity draft)
    {
        var first = ReviewSummary.FirstName(draft.PersonName);
        return draft.PersonUsesTeams
            ? $"{first} will be sent a copy in Teams to read and acknowledge."
            : $"{first} doesn't use Teams, so you'll get a printable copy to give them.";
    }

    /// <summary>
    /// The step card back with problems marked, or null when its answers may be saved. Moving on (<paramref name="complete"/>)
    /// checks every rule, also those the card cannot express; going back, pausing or asking for their view keeps
    /// half-finished answers, so only limits are checked.
    /// </summary>
    private static CardActionResult? StepRefusal(JsonObject shown, int step, JsonObject submitted, bool complete) =>
        CardSubmission.Refusal(shown, submitted, requireAnswers: complete, alsoWrong: complete ? ReviewForms.ExtraProblems(step, submitted) : null);

    /// <summary>The step the pressed card shows (the draft's own step when the card does not say).</summary>
    private static int StepOf(CardActionRequest action, ReviewEntity draft) =>
        action.GetInt("step") is int step and >= ReviewSteps.Feedback and <= ReviewSteps.Summary ? step : draft.Step;

    private static string? Optional(string text) => text.Length == 0 ? null : text;
}
