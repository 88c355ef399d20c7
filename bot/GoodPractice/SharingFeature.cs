using System.Text.Json.Nodes;
using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.GoodPractice;

/// <summary>
/// Sharing an example of good practice (anyone): the welcome card's "Share practice" or <c>share</c> opens the draft to
/// carry on with or a new sharing card; each Next saves the draft; Submit sends it to the good-practice editors. The L&amp;D
/// Support Team also enters examples on someone's behalf (<c>enter an example</c>), recorded as such.
/// </summary>
public sealed class SharingFeature(GoodPracticeSharing sharing, GoodPracticeCards cards) : IBotFeature
{
    public const string OnlySupportTeam =
        "Only the L&D Support Team can enter an example on someone's behalf. To share your own, type \"share\".";

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCommand(async turn => await turn.SendCardAsync(await sharing.OpeningCardAsync(turn.Caller, turn.Aborted)), "share", "share good practice", "share practice", "share an example of good practice", "share something that worked", "share something that worked well")
            .OnCardAction(GoodPracticeVerbs.Share, async (turn, _) => CardActionResult.Replace(await sharing.OpeningCardAsync(turn.Caller, turn.Aborted)))
            .OnCardAction(GoodPracticeVerbs.New, (turn, _) => Task.FromResult(CardActionResult.Replace(cards.Form(sharing.NewExample(turn.Caller), SharingSteps.Story))))
            .OnCardAction(GoodPracticeVerbs.Resume, ResumeAsync)
            .OnCardAction(GoodPracticeVerbs.Next, (turn, action) => SaveAsync(turn, action, forward: true))
            .OnCardAction(GoodPracticeVerbs.GoTo, (turn, action) => SaveAsync(turn, action, forward: false))
            .OnCardAction(GoodPracticeVerbs.Submit, sharing.SubmitAsync);

        routes.For(Roles.SupportTeam, OnlySupportTeam)
            .OnCommand(async turn => await turn.SendCardAsync(await sharing.EnterCardAsync(turn.Caller, turn.Aborted)), "enter an example", "enter good practice")
            .OnCardAction(GoodPracticeVerbs.Enter, async (turn, _) => CardActionResult.Replace(cards.Form(await sharing.StartOnBehalfAsync(turn.Caller, turn.Aborted), SharingSteps.Story)));
    }

    private async Task<CardActionResult> ResumeAsync(ITurnContext turn, CardActionRequest action)
    {
        var (example, answer) = await sharing.OpenAsync(turn, action);
        return answer ?? CardActionResult.Replace(cards.Form(example!, example!.Step));
    }

    /// <summary>
    /// Next checks the step's answers (the card's own rules and the lists) before saving; going to another step saves
    /// what is there without asking for the rest, so nothing typed is lost.
    /// </summary>
    private async Task<CardActionResult> SaveAsync(ITurnContext turn, CardActionRequest action, bool forward)
    {
        var step = SharingSteps.Clamp(action.GetInt("step") ?? SharingSteps.Story);
        var target = forward ? step + 1 : action.GetInt("target") ?? step - 1;
        var (form, onBehalf) = await FormShownAsync(turn, action, step);
        var problems = forward ? ShareForm.Problems(step, action, onBehalf) : [];
        if (form is not null && CardSubmission.Refusal(form, action.Submitted(), requireAnswers: forward, alsoWrong: problems) is { } refusal)
        {
            return refusal;
        }

        return await sharing.SaveStepAsync(turn, action, step, target);
    }

    /// <summary>The step's card as the draft stands (for checking a press against), and whether it is an entry on behalf.</summary>
    private async Task<(JsonObject? Form, bool OnBehalf)> FormShownAsync(ITurnContext turn, CardActionRequest action, int step)
    {
        var (example, _) = await sharing.OpenAsync(turn, action);
        var shown = example ?? sharing.NewExample(turn.Caller);
        return (cards.Form(shown, step), shown.EnteredOnBehalf);
    }
}
