using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.People;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// The Five Minute Review in Teams: a manager picks a person, goes through four short steps and a summary, and
/// confirms. Every press saves the draft (at the version the card was made from), re-checks who is asking, and can
/// be repeated safely.
/// </summary>
public sealed class FiveMinuteReviewFeature(
    ReviewStore store,
    ReviewForms forms,
    ReviewTeamView team,
    ReviewDelivery delivery,
    ReviewCoverage coverage,
    IPeopleDirectory people,
    CardCatalog cards,
    TimeProvider clock,
    IOptions<ReviewOptions> options,
    ILogger<FiveMinuteReviewFeature> logger) : IBotFeature
{
    public const string ConflictNote =
        "This review was changed on another device while you were working, so your last changes here were not saved. Here is the latest version: please check it and add anything missing.";

    private const string NotYourReview =
        "Sorry, only the manager who runs a review can open or change it, and only for people they look after.";

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCommand(ShowTeamAsync, "review", "reviews", "five minute review", "5 minute review", "my team")
            .OnCardAction(ReviewVerbs.Start, TeamCardAsync)
            .OnCardAction(ReviewVerbs.Team, TeamCardAsync)
            .OnCardAction(ReviewVerbs.Open, OpenAsync)
            .OnCardAction(ReviewVerbs.AddPerson, AddPersonAsync)
            .OnCardAction(ReviewVerbs.Next, (turn, action) => MoveAsync(turn, action, +1))
            .OnCardAction(ReviewVerbs.Back, (turn, action) => MoveAsync(turn, action, -1))
            .OnCardAction(ReviewVerbs.Pause, (turn, action) => MoveAsync(turn, action, 0))
            .OnCardAction(ReviewVerbs.AskForView, AskForViewAsync)
            .OnCardAction(ReviewVerbs.Confirm, ConfirmAsync)
            .OnCardAction(ReviewVerbs.ShareView, ShareViewAsync)
            .OnCardAction(ReviewVerbs.Acknowledge, AcknowledgeAsync);

        routes.For(Roles.SupportTeam, "Sorry, review coverage figures are only for the L&D Support Team. Type **review** to see your own team.")
            .OnCommand(async turn => await turn.SendCardAsync(await coverage.RenderAsync(turn.Aborted)), "review coverage", "reviews coverage");
    }

    private static string PersonKeyOf(ITurnContext turn) =>
        turn.Caller.PersonKey ?? throw new InvalidOperationException("The activity has no sender.");

    private async Task ShowTeamAsync(ITurnContext turn) =>
        await turn.SendCardAsync(await team.RenderAsync(PersonKeyOf(turn), string.Empty, turn.Aborted));

    private async Task<CardActionResult> TeamCardAsync(ITurnContext turn, CardActionRequest action) =>
        CardActionResult.Replace(await team.RenderAsync(PersonKeyOf(turn), string.Empty, turn.Aborted));

    private async Task<CardActionResult> OpenAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = PersonKeyOf(turn);
        var personId = action.GetString("personId");
        if (personId is null || !await people.IsManagerOfAsync(caller, personId, turn.Aborted))
        {
            return CardActionResult.Message(NotYourReview);
        }

        var draft = await store.GetDraftAsync(caller, personId, turn.Aborted)
            ?? await StartDraftAsync(caller, turn.Activity.From?.Name, personId, turn.Aborted);
        if (draft is null)
        {
            return CardActionResult.Message("Sorry, I can't find that person any more. Type **review** to see your team again.");
        }

        return CardActionResult.Replace(forms.Render(draft, draft.Step));
    }

    private async Task<ReviewEntity?> StartDraftAsync(string managerId, string? managerName, string personId, CancellationToken cancellationToken)
    {
        var person = await people.GetPersonAsync(personId, cancellationToken);
        if (person is null)
        {
            return null;
        }

        var rows = await store.GetTeamRowsAsync(managerId, cancellationToken);
        var previous = rows.People.GetValueOrDefault(personId)?.LastReviewId is { } lastId
            ? await store.GetReviewAsync(managerId, lastId, cancellationToken)
            : null;
        var now = clock.GetUtcNow();
        var draft = new ReviewEntity
        {
            ReviewId = Guid.NewGuid().ToString("N"),
            ManagerId = managerId,
            ManagerName = managerName ?? string.Empty,
            PersonId = person.Id,
            PersonName = person.DisplayName,
            PersonJobTitle = person.JobTitle,
            Organisation = person.Organisation,
            OrganisationKind = person.OrganisationKind,
            PersonUsesTeams = person.UsesTeams,
            Step = ReviewSteps.Feedback,
            StartedAt = now,
            UpdatedAt = now,
        }.WithCarried(previous?.Objectives.Select(o => new CarriedObjective(o.What, o.ByWhen, o.Measure, string.Empty)) ?? []);
        return await store.CreateDraftAsync(draft, cancellationToken);
    }

    private async Task<CardActionResult> AddPersonAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = PersonKeyOf(turn);
        var submitted = action.Submitted();
        var teamCard = await team.RenderAsync(caller, string.Empty, turn.Aborted);
        if (CardSubmission.Refusal(teamCard, submitted) is { } refusal)
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
        var draft = await store.GetDraftAsync(caller, person.Id, turn.Aborted)
            ?? await StartDraftAsync(caller, turn.Activity.From?.Name, person.Id, turn.Aborted);
        return draft is null
            ? CardActionResult.Message("Sorry, I couldn't add that person. Please try again.")
            : CardActionResult.Replace(forms.Render(draft, draft.Step));
    }

    /// <summary>Next (+1), Back (-1) or Pause (0): saves the step's answers, then shows where the manager is going.</summary>
    private async Task<CardActionResult> MoveAsync(ITurnContext turn, CardActionRequest action, int direction)
    {
        var (caller, draft, refusal) = await LoadDraftAsync(turn, action);
        if (refusal is not null)
        {
            return refusal;
        }

        var step = Step(action, draft!);
        var submitted = action.Submitted();
        var shown = forms.Render(draft!, step);
        if (StepRefusal(shown, step, submitted, complete: direction > 0) is { } invalid)
        {
            return invalid;
        }

        var target = Math.Clamp(step + direction, ReviewSteps.Feedback, ReviewSteps.Summary);
        var saved = await SaveStepAsync(draft!, step, target, submitted, action, turn.Aborted);
        if (saved.Conflict is { } latest)
        {
            return CardActionResult.Replace(forms.Render(latest, latest.Step, ConflictNote));
        }

        if (direction == 0)
        {
            var note = $"Your review with {saved.Draft!.PersonName} is saved as a draft. Choose them again to carry on where you stopped, on any device.";
            return CardActionResult.Replace(await team.RenderAsync(caller, note, turn.Aborted));
        }

        return CardActionResult.Replace(RenderStep(saved.Draft!, target));
    }

    private JsonObject RenderStep(ReviewEntity draft, int step) =>
        step == ReviewSteps.Summary
            ? forms.Render(draft, step, afterSave: AfterSaveText(draft), nextReview: DefaultNextReview(draft))
            : forms.Render(draft, step);

    private string DefaultNextReview(ReviewEntity draft) =>
        draft.NextReviewOn.Length > 0 ? draft.NextReviewOn : ReviewDates.Day(ReviewDates.Today(clock).AddMonths(options.Value.CadenceMonths));

    private static string AfterSaveText(ReviewEntity draft)
    {
        var first = ReviewSummary.FirstName(draft.PersonName);
        return draft.PersonUsesTeams
            ? $"{first} will be sent a copy in Teams to read and acknowledge."
            : $"{first} doesn't use Teams, so you'll get a printable copy to give them.";
    }

    private async Task<CardActionResult> AskForViewAsync(ITurnContext turn, CardActionRequest action)
    {
        var (_, draft, refusal) = await LoadDraftAsync(turn, action);
        if (refusal is not null)
        {
            return refusal;
        }

        var submitted = action.Submitted();
        var shown = forms.Render(draft!, ReviewSteps.TheirView);
        if (StepRefusal(shown, ReviewSteps.TheirView, submitted, complete: false) is { } invalid)
        {
            return invalid;
        }

        var first = ReviewSummary.FirstName(draft!.PersonName);
        var sent = draft.PersonUsesTeams && await delivery.AskForViewAsync(draft, turn.Aborted);
        var saved = await SaveStepAsync(draft, ReviewSteps.TheirView, ReviewSteps.TheirView, submitted, action, turn.Aborted,
            sent ? clock.GetUtcNow() : null);
        if (saved.Conflict is { } latest)
        {
            return CardActionResult.Replace(forms.Render(latest, latest.Step, ConflictNote));
        }

        var note = sent
            ? $"I've sent {first} a short card asking for their view. Their answer will appear on this step; you can pause and come back."
            : $"{first} hasn't used LearningBot in Teams yet, so I couldn't send them a card. Ask them in person and note their view here.";
        return CardActionResult.Replace(forms.Render(saved.Draft!, ReviewSteps.TheirView, note));
    }

    private async Task<CardActionResult> ConfirmAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = PersonKeyOf(turn);
        if (action.GetString("reviewId") is { } reviewId && await store.GetReviewAsync(caller, reviewId, turn.Aborted) is { } done)
        {
            return CardActionResult.Replace(await delivery.SavedCardAsync(done, turn.Aborted));
        }

        var (_, draft, refusal) = await LoadDraftAsync(turn, action);
        if (refusal is not null)
        {
            return refusal;
        }

        var submitted = action.Submitted();
        var shown = RenderStep(draft!, ReviewSteps.Summary);
        if (StepRefusal(shown, ReviewSteps.Summary, submitted, complete: true) is { } invalid)
        {
            return invalid;
        }

        // The summary the manager confirmed must still be the draft's content: only the person's own view may have arrived since.
        if (draft!.ETag != new ETag(action.GetString("etag") ?? string.Empty) && draft.Revision != CardRevision(action))
        {
            return CardActionResult.Replace(forms.Render(draft, draft.Step, ConflictNote));
        }

        var now = clock.GetUtcNow();
        var review = ReviewForms.Apply(draft, ReviewSteps.Summary, submitted) with
        {
            ManagerName = turn.Activity.From?.Name ?? draft.ManagerName,
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
                return CardActionResult.Replace(await delivery.DeliverAsync(review, turn.Aborted));
            case ConfirmOutcome.AlreadySaved { Review: var saved }:
                return CardActionResult.Replace(await delivery.SavedCardAsync(saved, turn.Aborted));
            default:
                var latest = await store.GetDraftAsync(caller, draft.PersonId, turn.Aborted);
                return latest is null
                    ? CardActionResult.Replace(await team.RenderAsync(caller, "That draft is no longer there.", turn.Aborted))
                    : CardActionResult.Replace(forms.Render(latest, latest.Step, ConflictNote));
        }
    }

    /// <summary>The reviewed person answers the "your view" card: only they can reach their own draft.</summary>
    private async Task<CardActionResult> ShareViewAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = PersonKeyOf(turn);
        var managerId = action.GetString("managerId");
        var reviewId = action.GetString("reviewId");
        var draft = managerId is null ? null : await store.GetDraftAsync(managerId, caller, turn.Aborted);
        if (draft is null || draft.ReviewId != reviewId)
        {
            return CardActionResult.Message("Thank you. That review has already been finished, so there is nothing more to add here.");
        }

        var submitted = action.Submitted();
        var askCard = cards.Render(new ReviewAskCardData(draft.ReviewId, draft.ManagerId, draft.ManagerName, ReviewSummary.FirstName(draft.ManagerName), Answered: false));
        if (CardSubmission.Refusal(askCard, submitted) is { } refusal)
        {
            return refusal;
        }

        var view = ReviewForms.Text(submitted, "ownView");
        var updated = await store.UpdateDraftAsync(managerId!, caller, d => d with { PersonOwnView = view }, turn.Aborted);
        if (updated is not null)
        {
            await delivery.TellManagerAsync(updated.ManagerId,
                $"{updated.PersonName} has sent their view for your Five Minute Review. You'll see it on step 2.", turn.Aborted);
        }

        return CardActionResult.Replace(cards.Render(new ReviewAskCardData(draft.ReviewId, draft.ManagerId, draft.ManagerName, ReviewSummary.FirstName(draft.ManagerName), Answered: true)));
    }

    /// <summary>The reviewed person acknowledges their copy: only they may, and only once.</summary>
    private async Task<CardActionResult> AcknowledgeAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = PersonKeyOf(turn);
        var managerId = action.GetString("managerId");
        var reviewId = action.GetString("reviewId");
        var review = managerId is null || reviewId is null ? null : await store.GetReviewAsync(managerId, reviewId, turn.Aborted);
        if (review is null || !string.Equals(review.PersonId, caller, StringComparison.OrdinalIgnoreCase))
        {
            return CardActionResult.Message("Sorry, only the person a review is about can acknowledge it.");
        }

        var submitted = action.Submitted();
        var personCard = delivery.PersonCard(review);
        if (CardSubmission.Refusal(personCard, submitted) is { } refusal)
        {
            return refusal;
        }

        var acknowledgment = await store.AcknowledgeAsync(review, ReviewForms.Text(submitted, "comment"), clock.GetUtcNow(), turn.Aborted);
        if (acknowledgment.Changed)
        {
            await delivery.TellManagerOfAcknowledgmentAsync(acknowledgment.Entity, turn.Aborted);
        }

        return CardActionResult.Replace(delivery.PersonCard(acknowledgment.Entity));
    }

    /// <summary>The caller's draft for the person on the card, after checking they still manage that person.</summary>
    private async Task<(string Caller, ReviewEntity? Draft, CardActionResult? Refusal)> LoadDraftAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = PersonKeyOf(turn);
        var personId = action.GetString("personId");
        if (personId is null || !await people.IsManagerOfAsync(caller, personId, turn.Aborted))
        {
            return (caller, null, CardActionResult.Message(NotYourReview));
        }

        var draft = await store.GetDraftAsync(caller, personId, turn.Aborted);
        if (draft is null)
        {
            if (action.GetString("reviewId") is { } reviewId && await store.GetReviewAsync(caller, reviewId, turn.Aborted) is { } saved)
            {
                return (caller, null, CardActionResult.Replace(await delivery.SavedCardAsync(saved, turn.Aborted)));
            }

            return (caller, null, CardActionResult.Replace(await team.RenderAsync(caller, "That draft is no longer there. Choose the person to start again.", turn.Aborted)));
        }

        if (draft.ReviewId != action.GetString("reviewId"))
        {
            return (caller, null, CardActionResult.Replace(forms.Render(draft, draft.Step, "That card was from an earlier review. Here is the one in progress now.")));
        }

        return (caller, draft, null);
    }

    /// <summary>
    /// Writes the step's answers at the version the card was made from. When someone saved in between: a repeat of
    /// the same press moves on quietly; if only the person's own view arrived meanwhile, the answers are written
    /// onto the latest draft; anything else (another device) gets the latest draft back, to show with a note.
    /// </summary>
    private async Task<(ReviewEntity? Draft, ReviewEntity? Conflict)> SaveStepAsync(
        ReviewEntity draft, int step, int target, JsonObject submitted, CardActionRequest action, CancellationToken cancellationToken,
        DateTimeOffset? viewRequestedAt = null)
    {
        var cardVersion = new ETag(action.GetString("etag") ?? string.Empty);
        var cardRevision = CardRevision(action);
        EntityChange<ReviewEntity>? change;
        try
        {
            change = await store.ChangeDraftAsync(draft.ManagerId, draft.PersonId, latest =>
                latest.ETag != cardVersion && latest.Revision != cardRevision
                    ? new EntityDecision<ReviewEntity>.Keep()
                    : new EntityDecision<ReviewEntity>.Write(ReviewForms.Apply(latest, step, submitted) with
                    {
                        Step = target,
                        Revision = latest.Revision + 1,
                        UpdatedAt = clock.GetUtcNow(),
                        ViewRequestedAt = viewRequestedAt ?? latest.ViewRequestedAt,
                    }), maxAttempts: 3, cancellationToken);
        }
        catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict())
        {
            // Lost every race: show the latest.
            change = await store.GetDraftAsync(draft.ManagerId, draft.PersonId, cancellationToken) is { } current ? new(current, Changed: false) : null;
        }

        var now = change?.Entity ?? throw new InvalidOperationException("The draft was deleted while it was being saved.");
        return change.Changed || (ReviewForms.AlreadyHolds(now, step, submitted) && now.Step == target) ? (now, null) : (null, now);
    }

    private static int? CardRevision(CardActionRequest action) => action.GetInt("revision");

    /// <summary>
    /// The step card back with problems marked, or null when its answers may be saved. Moving on (<paramref name="complete"/>)
    /// checks every rule, also those the card cannot express; going back, pausing or asking for their view keeps
    /// half-finished answers, so only limits are checked.
    /// </summary>
    private static CardActionResult? StepRefusal(JsonObject shown, int step, JsonObject submitted, bool complete) =>
        CardSubmission.Refusal(shown, submitted, requireAnswers: complete, alsoWrong: complete ? ReviewForms.ExtraProblems(step, submitted) : null);

    private static int Step(CardActionRequest action, ReviewEntity draft) =>
        action.GetInt("step") is int step and >= ReviewSteps.Feedback and <= ReviewSteps.Summary ? step : draft.Step;

    private static string? Optional(string text) => text.Length == 0 ? null : text;
}
