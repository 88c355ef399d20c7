using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;

namespace LearningBot.Welcome;

/// <summary>
/// The front door: a welcome card on install, the same card for <c>help</c>, and an honest "coming soon" for
/// capabilities that are not built yet, whether chosen on the card or typed
/// (<c>digest</c>). Text nobody else understood is a question for the one-stop shop.
/// </summary>
public sealed class WelcomeFeature(CardCatalog cards, WelcomedConversations welcomed) : IBotFeature
{

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnActivity(ActivityTypes.InstallationUpdate, OnInstallationUpdateAsync)
            .OnActivity(ActivityTypes.ConversationUpdate, OnConversationUpdateAsync)
            .OnCommand(ShowMenuAsync, "help", "menu", "start", "?")
            .OnCardAction(WelcomeVerbs.Help, (turn, _) => Task.FromResult(CardActionResult.Replace(MenuCard(turn))));

        foreach (var planned in PlannedFeatures.All)
        {
            routes
                .OnCardAction(planned.Verb, (_, _) => Task.FromResult(CardActionResult.Replace(ComingSoonCard(planned))))
                .OnCommand(turn => turn.SendCardAsync(ComingSoonCard(planned)), [.. planned.Commands]);
        }
    }

    private Task OnInstallationUpdateAsync(ITurnContext turn) =>
        turn.Activity.Action is "add" or "add-upgrade" ? WelcomeOnceAsync(turn) : Task.CompletedTask;

    private Task OnConversationUpdateAsync(ITurnContext turn)
    {
        var botId = turn.Activity.Recipient?.Id;
        var botWasAdded = turn.Activity.MembersAdded?.Any(member => member.Id == botId) == true;
        return botWasAdded ? WelcomeOnceAsync(turn) : Task.CompletedTask;
    }

    private async Task WelcomeOnceAsync(ITurnContext turn)
    {
        if (await welcomed.ClaimAsync(turn.Activity.Conversation!.Id!, turn.Activity.Type!, turn.Aborted) is not { } claim)
        {
            return;
        }

        try
        {
            await turn.SendCardAsync(MenuCard(turn));
        }
        catch
        {
            // Nobody saw the welcome: the other event of the install pair may send it. The turn still fails as before.
            await welcomed.GiveBackAsync(claim);
            throw;
        }
    }

    // The busiest card of all is only sent, so it stays the JSON it was bound to.
    private Task ShowMenuAsync(ITurnContext turn) => turn.SendCardAsync(cards.RenderJson(WelcomeCardData.For(turn)));

    private JsonObject MenuCard(ITurnContext turn) => cards.Render(WelcomeCardData.For(turn));

    private JsonObject ComingSoonCard(PlannedFeature feature) =>
        cards.Render(new ComingSoonCardData(feature.Name, feature.WhatItWillDo));
}
