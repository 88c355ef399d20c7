using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>
/// "It's about learning" on a signpost: the bot was wrong, so the question gets the ordinary "not sure"
/// card, with the closest articles and the way to the L&amp;D team, and the gaps report counts it as unanswered.
/// </summary>
public sealed class SignpostFeature(AnswerEngine engine, QuestionLog log, AnswerCardFactory cards, TimeProvider clock, ILogger<SignpostFeature> logger) : IBotFeature
{
    public void MapRoutes(BotRoutes routes) => routes.OnCardAction(SignpostVerbs.LearningAfterAll, OnLearningAfterAllAsync);

    private async Task<CardActionResult> OnLearningAfterAllAsync(ITurnContext turn, CardActionRequest action)
    {
        // The stored question, already scrubbed; the card's copy (also the stored text) when the log cannot be reached.
        var question = await TurnBackAsync(action.GetString("questionId"), turn.Aborted) ?? FromCard(action.GetString("question"));
        if (string.IsNullOrWhiteSpace(question))
        {
            return CardActionResult.Message("Sorry, I can no longer find that question. Type it again and I'll look for an answer.");
        }

        var answer = engine.Answer(question.Replace(PersonalDataScrubber.Marker, " ", StringComparison.Ordinal));
        return CardActionResult.Update(cards.NotSure(question, answer.Offered));
    }

    /// <summary>The card's copy, treated as typed text: a card can send anything back, and this one is shown to the chat.</summary>
    private string? FromCard(string? question) => question is null ? null : QuestionText.Scrubbed(question, clock).Text;

    private async Task<string?> TurnBackAsync(string? questionId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(questionId))
        {
            return null;
        }

        try
        {
            return (await log.LearningAfterAllAsync(questionId, cancellationToken))?.Question;
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not record that signposted question {QuestionId} was about learning", questionId);
            return null;
        }
    }
}
