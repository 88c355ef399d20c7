using System.Text.Json.Nodes;
using Azure;
using LearningBot.Calendar;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.GoodPractice;

/// <summary>
/// A contributor's examples as the sharing card sees them: a step's answers saved onto the draft at the version the card
/// showed (made on the first Next, so opening the card stores nothing), and the checked draft sent to the editors once,
/// owing its moderation card.
/// </summary>
public sealed class GoodPracticeSharing(GoodPracticeStore store, GoodPracticeCards cards, GoodPracticeModeration moderation, TimeProvider clock)
{
    public const string ConflictNote =
        "This example was changed on another device while you were working, so your last changes here were not saved. Here is the latest version: please check it.";

    public const string NotYours = "Sorry, only the person who started an example can change it.";

    public const string Gone = "I can't find that example any more. Type \"share\" to start a new one.";

    /// <summary>A new, unsaved example for the caller.</summary>
    public GoodPracticeExample NewExample(Caller caller) =>
        GoodPracticeExample.Start(Guid.NewGuid().ToString("N"), caller.PersonKey ?? "unknown", caller.Name ?? string.Empty, clock.GetUtcNow()) with { Version = 0 };

    /// <summary>
    /// Whether a card's id for an unsaved example is one <see cref="NewExample"/> makes: the first save stores the example
    /// under it, so any other id (a key the table refuses, or one in the outbox's range) never reaches the table.
    /// </summary>
    private static bool IsNewExampleId(string id) => Guid.TryParseExact(id, "N", out _);

    /// <summary>The card <c>share</c> opens: the draft to carry on with, or the first step of a new example.</summary>
    public async Task<JsonObject> OpeningCardAsync(Caller caller, CancellationToken cancellationToken) =>
        await store.DraftOfAsync(caller.PersonKey ?? "unknown", onBehalf: false, cancellationToken) is { } draft
            ? cards.Resume(draft)
            : cards.Form(NewExample(caller), SharingSteps.Story);

    /// <summary>The card <c>enter an example</c> opens: the caller's unsent entry on someone's behalf to carry on with, or a new one.</summary>
    public async Task<JsonObject> EnterCardAsync(Caller caller, CancellationToken cancellationToken) =>
        await store.DraftOfAsync(caller.PersonKey ?? "unknown", onBehalf: true, cancellationToken) is { } draft
            ? cards.Resume(draft, onBehalf: true)
            : cards.Form(await StartOnBehalfAsync(caller, cancellationToken), SharingSteps.Story);

    /// <summary>The L&amp;D Support Team's entry on someone's behalf: stored at once, so every later step knows it as one.</summary>
    public Task<GoodPracticeExample> StartOnBehalfAsync(Caller caller, CancellationToken cancellationToken) =>
        store.AddAsync(NewExample(caller).EnteredFor(string.Empty, ScrubbedText.Empty) with { Version = 1 }, cancellationToken);

    /// <summary>The caller's editable example the button names, or the answer to give instead.</summary>
    public async Task<(GoodPracticeExample? Example, CardActionResult? Answer)> OpenAsync(ITurnContext turn, CardActionRequest action)
    {
        var example = action.GetString("exampleId") is { Length: > 0 } id ? await store.FindAsync(id, turn.Aborted) : null;
        return example switch
        {
            null => (null, CardActionResult.Message(Gone)),
            _ when example.ContributorKey != turn.Caller.PersonKey => (null, CardActionResult.Message(NotYours)),
            { IsEditable: false } => (null, CardActionResult.Replace(cards.Submitted(example))),
            _ => (example, null),
        };
    }

    /// <summary>
    /// Saves the step's answers and shows <paramref name="target"/>, or the same step when the scrubber removed something
    /// (so the contributor sees it before going on). A card older than the draft saves nothing: a repeat of the same press
    /// finds its answers there and moves on quietly; anything else shows the latest with <see cref="ConflictNote"/>.
    /// </summary>
    public async Task<CardActionResult> SaveStepAsync(ITurnContext turn, CardActionRequest action, int step, int target)
    {
        var caller = turn.Caller.PersonKey ?? "unknown";
        var id = action.GetString("exampleId") ?? string.Empty;
        var shown = action.GetInt("version") ?? 0;
        var today = UkTime.Today(clock);
        var stored = id.Length == 0 ? null : await store.FindAsync(id, turn.Aborted);
        if (stored is null && (shown != 0 || !IsNewExampleId(id)))
        {
            return CardActionResult.Message(Gone);
        }

        var example = stored ?? GoodPracticeExample.Start(id, caller, turn.Caller.Name ?? string.Empty, clock.GetUtcNow());
        if (example.ContributorKey != caller)
        {
            return CardActionResult.Message(NotYours);
        }

        var answers = ShareForm.Apply(example, step, action, today);
        target = answers.Removed.Count > 0 ? step : SharingSteps.Clamp(target);
        var removed = PersonalDataScrubber.DescribeAll(answers.Removed);
        if (stored is null)
        {
            try
            {
                return CardActionResult.Update(cards.Form(await store.AddAsync(answers.Example with { Step = target }, turn.Aborted), target, removed: removed));
            }
            catch (RequestFailedException exception) when (exception.IsAlreadyExists())
            {
                // The same first press delivered twice: the first made the draft; decide on it below.
            }
        }

        var change = await store.ChangeAsync(id, current =>
            current.ContributorKey == caller && current.IsEditable && (current.Version == shown || ShareForm.Apply(current, step, action, today).Example == current)
                ? new EntityDecision<GoodPracticeExample>.Write(ShareForm.Apply(current, step, action, today).Example with { Step = target })
                : new EntityDecision<GoodPracticeExample>.Keep(), null, turn.Aborted);
        return change switch
        {
            null => CardActionResult.Message(Gone),
            { Changed: true } => CardActionResult.Update(cards.Form(change.Entity, target, removed: removed)),
            { Entity.IsEditable: false } => CardActionResult.Update(cards.Submitted(change.Entity)),
            _ => CardActionResult.Replace(cards.Form(change.Entity, change.Entity.Step, ConflictNote)),
        };
    }

    /// <summary>
    /// Sends the checked example to the editors, once: a second press (or Teams delivering the press again) finds it sent
    /// and says so; a card older than the draft shows the latest to check; an incomplete draft shows the step it lacks.
    /// </summary>
    public async Task<CardActionResult> SubmitAsync(ITurnContext turn, CardActionRequest action)
    {
        var caller = turn.Caller.PersonKey ?? "unknown";
        var id = action.GetString("exampleId") ?? string.Empty;
        var shown = action.GetInt("version") ?? 0;
        var change = id.Length == 0 ? null : await moderation.SubmitAsync(id, current =>
            current.ContributorKey == caller && current.IsEditable && current.Version == shown && ShareForm.FirstIncompleteStep(current) is null, turn.Aborted);
        return change switch
        {
            null => CardActionResult.Message(Gone),
            { Entity.ContributorKey: var key } when key != caller => CardActionResult.Message(NotYours),
            { Entity.IsEditable: false } => CardActionResult.Update(cards.Submitted(change.Entity)),
            { Entity: var draft } when ShareForm.FirstIncompleteStep(draft) is { } missing =>
                CardActionResult.Replace(cards.Form(draft, missing, "This step needs an answer before the example can be sent.")),
            _ => CardActionResult.Replace(cards.Form(change.Entity, SharingSteps.Check, ConflictNote)),
        };
    }
}
