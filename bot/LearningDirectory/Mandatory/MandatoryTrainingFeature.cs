using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.LearningDirectory.Mandatory;

/// <summary>
/// <c>mandatory training</c> (anyone): every statutory and mandatory topic with its usual refresher period, and a
/// choice of one; <c>mandatory training fire safety</c> goes straight to the topic: how each kind of organisation
/// delivers it, the next sessions and how to book.
/// </summary>
public sealed class MandatoryTrainingFeature(MandatoryTopicGuide guide, MandatoryTopicCards cards, AskerOrganisation asker) : IBotFeature
{
    public void MapRoutes(BotRoutes routes) =>
        routes
            .OnCommandWithArgument(OnCommandAsync, "mandatory training", "statutory training", "stat and mand", "mandatory topics")
            .OnCardAction(MandatoryVerbs.List, (_, _) => Task.FromResult(CardActionResult.Replace(cards.List())))
            .OnCardAction(MandatoryVerbs.Show, OnShowAsync);

    private async Task OnCommandAsync(ITurnContext turn, string argument)
    {
        if (argument.Trim().Length == 0)
        {
            await turn.SendCardAsync(cards.List());
            return;
        }

        if (guide.Recognise(argument) is not { } topic)
        {
            await turn.SendCardAsync(cards.List("I couldn't tell which topic you meant, so here they all are. Choose one to see how it's delivered."));
            return;
        }

        await turn.SendCardAsync((await cards.TopicAsync(topic, aboutMoving: false, await asker.KindAsync(turn), turn.Aborted)).Card);
    }

    private async Task<CardActionResult> OnShowAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("topicId") is { } chosen && guide.Find(chosen) is { } direct)
        {
            return CardActionResult.Replace((await cards.TopicAsync(direct, aboutMoving: false, await asker.KindAsync(turn), turn.Aborted)).Card);
        }

        var list = cards.List();
        if (CardSubmission.Refusal(list, action.Submitted()) is { } refusal)
        {
            return refusal;
        }

        var topic = guide.Find(action.GetString("topic"));
        return topic is null
            ? CardActionResult.Replace(cards.List("That topic is no longer on the list. Please choose again."))
            : CardActionResult.Replace((await cards.TopicAsync(topic, aboutMoving: false, await asker.KindAsync(turn), turn.Aborted)).Card);
    }
}
