using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using Azure;
using LearningBot.Calendar;
using LearningBot.Connector.Hosting;
using LearningBot.FiveMinuteReview.History;
using LearningBot.People;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview;

/// <summary>Whether the caller may change the draft a step card was made from (see <see cref="ReviewDrafts.OpenAsync"/>).</summary>
public abstract record DraftAccess
{
    private DraftAccess()
    {
    }

    /// <summary>The caller manages the person, and the card was made from this draft.</summary>
    public sealed record Allowed(ReviewEntity Draft) : DraftAccess;

    /// <summary>Not theirs, no longer there, saved already or from an earlier review: <paramref name="Answer"/> says which.</summary>
    public sealed record Refused(CardActionResult Answer) : DraftAccess;

    /// <summary>The answer to give when access is refused, or the draft when it is allowed.</summary>
    public bool IsRefused([NotNullWhen(true)] out CardActionResult? answer, [NotNullWhen(false)] out ReviewEntity? draft)
    {
        (answer, draft) = this switch
        {
            Refused refused => (refused.Answer, (ReviewEntity?)null),
            Allowed allowed => (null, allowed.Draft),
            _ => throw new InvalidOperationException("A draft is either allowed or refused."),
        };
        return answer is not null;
    }
}

/// <summary>
/// A step's answers after saving: the draft as it now is, whether another device's changes won, so they were not
/// saved, and the kinds of identifier removed from what was typed (then the draft stays on the step, to be checked).
/// </summary>
public sealed record StepSave(ReviewEntity Draft, bool Superseded, IReadOnlyList<string> Removed);

/// <summary>
/// The version of the draft a step card was made from: its ETag, and its revision (which counts only the manager's
/// saves, so a card still matches once the person's own view has arrived).
/// </summary>
public sealed record CardVersion(ETag ETag, int? Revision)
{
    public static CardVersion Of(CardActionRequest action) =>
        new(new ETag(action.GetString("etag") ?? string.Empty), action.GetInt("revision"));

    /// <summary>True when the card shows what the draft holds: nobody saved since, or only the person's own view arrived.</summary>
    public bool Shows(ReviewEntity draft) => draft.ETag == ETag || draft.Revision == Revision;
}

/// <summary>
/// A manager's drafts as their step cards see them: the draft a card was made from, once the caller is known to
/// manage the person; a new draft that carries last time's objectives; and a step's answers saved at the version the
/// card showed.
/// </summary>
public sealed class ReviewDrafts(
    ReviewStore store,
    ReviewForms forms,
    ReviewTeamView team,
    ReviewDelivery delivery,
    IPeopleDirectory people,
    ReviewHistory history,
    TimeProvider clock)
{
    public const string ConflictNote =
        "This review was changed on another device while you were working, so your last changes here were not saved. Here is the latest version: please check it and add anything missing.";

    public const string NotYourReview =
        "Sorry, only the manager who runs a review can open or change it, and only for people they look after.";

    /// <summary>How often a step's save is tried again when the person's own view arrives at the same moment.</summary>
    private const int SaveAttempts = 3;

    /// <summary>The caller's draft for the person on the card, after checking they still manage that person.</summary>
    public async Task<DraftAccess> OpenAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.CallerKey();
        var personId = action.GetString("personId");
        if (string.IsNullOrEmpty(personId))
        {
            return new DraftAccess.Refused(CardActionResult.Message(NotYourReview));
        }

        // The caller's own draft is read while the directory is asked, so a press waits for one round trip, not two;
        // nothing read is used unless they still manage the person.
        var reading = store.GetDraftAsync(caller, personId, turn.Aborted);
        var manages = false;
        try
        {
            manages = await people.IsManagerOfAsync(caller, personId, turn.Aborted);
        }
        finally
        {
            if (!manages)
            {
                await ((Task)reading).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        if (!manages)
        {
            return new DraftAccess.Refused(CardActionResult.Message(NotYourReview));
        }

        var reviewId = action.GetString("reviewId");
        var draft = await reading;
        if (draft is null)
        {
            return new DraftAccess.Refused(reviewId is not null && await store.GetReviewAsync(caller, reviewId, turn.Aborted) is { } saved
                ? CardActionResult.Replace(await delivery.SavedCardAsync(saved, turn.Aborted))
                : CardActionResult.Replace(await team.RenderAsync(caller, "That draft is no longer there. Choose the person to start again.", turn.Aborted)));
        }

        if (draft.ReviewId != reviewId)
        {
            return new DraftAccess.Refused(CardActionResult.Replace(
                forms.Render(draft, draft.Step, "That card was from an earlier review. Here is the one in progress now.")));
        }

        return new DraftAccess.Allowed(draft);
    }

    /// <summary>The manager's draft for the person, or a new one; null when the directory no longer has the person.</summary>
    public async Task<ReviewEntity?> ResumeOrStartAsync(string managerId, string? managerName, string personId, CancellationToken cancellationToken)
    {
        if (await store.GetDraftAsync(managerId, personId, cancellationToken) is { } draft)
        {
            return draft;
        }

        var person = await people.GetPersonAsync(personId, cancellationToken);
        if (person is null)
        {
            return null;
        }

        // Last time's objectives come from the person's own record, whoever held their last review.
        var previous = await history.LatestAsync(personId, cancellationToken);
        var now = clock.GetUtcNow();
        var started = new ReviewEntity
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
            EarlierManagerName = previous is not null && previous.ManagerId != managerId ? previous.ManagerName : string.Empty,
        }.CarryOn(previous);
        var created = await store.CreateDraftAsync(started, cancellationToken);
        if (created.EarlierManagerName.Length > 0)
        {
            await history.AskAboutNotesOnceAsync(created, now, cancellationToken);
        }

        return created;
    }

    /// <summary>
    /// Writes the step's answers onto the latest draft and moves it to <paramref name="target"/>, if the card still
    /// shows that draft (<see cref="CardVersion.Shows"/>: only the person's own view may have arrived meanwhile).
    /// Otherwise nothing is written: a repeat of the same press finds its answers saved and moves on quietly, and
    /// anything else (another device) comes back <see cref="StepSave.Superseded"/>, to show with <see cref="ConflictNote"/>.
    /// </summary>
    public async Task<StepSave> SaveStepAsync(
        ReviewEntity draft, int step, int target, JsonObject submitted, CardVersion shown, CancellationToken cancellationToken,
        DateTimeOffset? viewRequestedAt = null)
    {
        // Free text is scrubbed before it is stored. When something was removed the draft stays on the step, so the
        // manager sees the scrubbed text before moving on; pressing again goes through, as scrubbed text scrubs to itself.
        var today = UkTime.Today(clock);
        var removed = ReviewForms.Apply(draft, step, submitted, today).Removed;
        if (removed.Count > 0)
        {
            target = step;
        }

        EntityChange<ReviewEntity>? change;
        try
        {
            change = await store.ChangeDraftAsync(draft.ManagerId, draft.PersonId, latest => shown.Shows(latest)
                ? new EntityDecision<ReviewEntity>.Write(ReviewForms.Apply(latest, step, submitted, today).Draft with
                {
                    Step = target,
                    Revision = latest.Revision + 1,
                    UpdatedAt = clock.GetUtcNow(),
                    ViewRequestedAt = viewRequestedAt ?? latest.ViewRequestedAt,
                })
                : new EntityDecision<ReviewEntity>.Keep(), SaveAttempts, cancellationToken, known: draft);
        }
        catch (RequestFailedException conflict) when (conflict.IsConcurrencyConflict())
        {
            // Lost every attempt to the person's view arriving: show the latest, as after another device's save.
            change = await store.GetDraftAsync(draft.ManagerId, draft.PersonId, cancellationToken) is { } current ? new(current, Changed: false) : null;
        }

        if (change is not { Entity: var latest })
        {
            throw new InvalidOperationException("The draft was deleted while it was being saved.");
        }

        var saved = change.Changed || (ReviewForms.AlreadyHolds(latest, step, submitted, today) && latest.Step == target);
        return new StepSave(latest, Superseded: !saved, removed);
    }
}

/// <summary>Who is pressing a review card.</summary>
internal static class ReviewCaller
{
    /// <summary>The caller's person key: the key reviews file managers and the people they review under.</summary>
    public static string CallerKey(this ITurnContext turn) =>
        turn.Caller.PersonKey ?? throw new InvalidOperationException("The activity has no sender.");
}
