using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.GoodPractice;

/// <summary>
/// The good-practice editors' decisions on the moderation card in the L&amp;D channel (<see cref="Roles.GoodPracticeEditor"/>
/// only): approve, ask for changes or decline while an example awaits an editor; keep or retire once its review date
/// has come. The example a button names is read from storage; its status decides what can happen.
/// </summary>
public sealed class EditorFeature(GoodPracticeModeration moderation, GoodPracticeCards cards, TimeProvider clock) : IBotFeature
{
    public const string OnlyEditors =
        "Only good-practice editors can decide on shared examples. If that is part of your job, ask the L&D Support Team to add you as a good-practice editor.";

    private const string Gone = "I can't find that example any more.";

    public void MapRoutes(BotRoutes routes) =>
        routes.For(Roles.GoodPracticeEditor, OnlyEditors)
            .OnCardAction(GoodPracticeVerbs.Moderate, ShowFormAsync)
            .OnCardAction(GoodPracticeVerbs.Approve, (turn, action) => DecideAsync(turn, action, moderation.Approve()))
            .OnCardAction(GoodPracticeVerbs.RequestChanges, (turn, action) => WithNoteAsync(turn, action, EditorForms.RequestChanges, GoodPracticeModeration.RequestChanges))
            .OnCardAction(GoodPracticeVerbs.Decline, (turn, action) => WithNoteAsync(turn, action, EditorForms.Decline, GoodPracticeModeration.Decline))
            .OnCardAction(GoodPracticeVerbs.Keep, (turn, action) => ReviewAsync(turn, action, moderation.KeepForAnotherPeriod()))
            .OnCardAction(GoodPracticeVerbs.Retire, (turn, action) => WithNoteAsync(turn, action, EditorForms.Retire, GoodPracticeModeration.Retire));

    /// <summary>One decision's form in place of the buttons (for the editor who pressed), or the buttons again.</summary>
    private async Task<CardActionResult> ShowFormAsync(ITurnContext turn, CardActionRequest action)
    {
        var form = action.GetString("form") switch
        {
            EditorForms.RequestChanges => EditorForms.RequestChanges,
            EditorForms.Decline => EditorForms.Decline,
            EditorForms.Retire => EditorForms.Retire,
            _ => EditorForms.None,
        };
        return await ExampleOf(action, turn.Aborted) is { } example
            ? CardActionResult.Replace(Card(example, form))
            : CardActionResult.Message(Gone);
    }

    /// <summary>
    /// A decision that needs words (a comment, a reason): required, at most 500 characters, and stored only scrubbed.
    /// When the scrubber removed something the form comes back showing what, as the words go to the contributor;
    /// pressing again goes through.
    /// </summary>
    private async Task<CardActionResult> WithNoteAsync(ITurnContext turn, CardActionRequest action, string form, Func<ScrubbedText, Func<GoodPracticeExample, GoodPracticeExample>> decision)
    {
        if (await ExampleOf(action, turn.Aborted) is not { } example)
        {
            return CardActionResult.Message(Gone);
        }

        var typed = (action.GetString(ShareInputs.Note) ?? string.Empty).Trim();
        var stillOpen = form == EditorForms.Retire ? example.Status == ExampleStatus.Approved : example.Status == ExampleStatus.Submitted;
        if (stillOpen && CardSubmission.Refusal(Card(example, form), action.Submitted()) is { } refusal)
        {
            return refusal;
        }

        var note = PersonalDataScrubber.Scrub(typed, UkTime.Today(clock));
        if (stillOpen && note.WasScrubbed)
        {
            var shown = note.Truncate(GoodPracticeChoices.NoteLimit);
            return CardActionResult.Replace(Card(example, form,
                $"Nothing has been sent yet. I removed {PersonalDataScrubber.DescribeAll(note.Removed)} from what you wrote: check it still says what you meant, then press the button again.", shown.Text));
        }

        return form == EditorForms.Retire ? await ReviewAsync(turn, action, decision(note)) : await DecideAsync(turn, action, decision(note));
    }

    private async Task<CardActionResult> DecideAsync(ITurnContext turn, CardActionRequest action, Func<GoodPracticeExample, GoodPracticeExample> decision)
    {
        var id = action.GetString("exampleId") ?? string.Empty;
        var change = id.Length == 0 ? null : await moderation.DecideAsync(id, turn.Caller.PersonKey ?? "unknown", decision, turn.Aborted);
        return Answer(change);
    }

    private async Task<CardActionResult> ReviewAsync(ITurnContext turn, CardActionRequest action, Func<GoodPracticeExample, GoodPracticeExample> decision)
    {
        var id = action.GetString("exampleId") ?? string.Empty;
        var change = id.Length == 0 ? null : await moderation.ReviewAsync(id, turn.Caller.PersonKey ?? "unknown", decision, turn.Aborted);
        return Answer(change);
    }

    /// <summary>
    /// The card as it now is; on a stale card, a notice saying so. The answer is the editor's own: the outbox brings the
    /// channel's copy up to date for everyone (<see cref="GoodPracticeModerationCard"/>), in order.
    /// </summary>
    private CardActionResult Answer(EntityChange<GoodPracticeExample>? change) => change switch
    {
        null => CardActionResult.Message(Gone),
        { Changed: true } => CardActionResult.Replace(Card(change.Entity)),
        _ => CardActionResult.Replace(Card(change.Entity, notice: GoodPracticeModeration.AlreadyDecided)),
    };

    private JsonObject Card(GoodPracticeExample example, string form = EditorForms.None, string notice = "", string note = "") =>
        cards.Moderation(example, form, notice, moderation.ReviewMonths, note);

    private Task<GoodPracticeExample?> ExampleOf(CardActionRequest action, CancellationToken cancellationToken) =>
        action.GetString("exampleId") is { Length: > 0 } id ? moderation.FindAsync(id, cancellationToken) : Task.FromResult<GoodPracticeExample?>(null);
}
