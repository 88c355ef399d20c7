using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;

namespace LearningBot.Welcome;

/// <summary>
/// The front door: a welcome card on install, the same card for <c>help</c>, and an honest "coming soon" for
/// capabilities that are not built yet, whether chosen on the card or typed (<c>feedback</c>, <c>share</c>,
/// <c>digest</c>). Text nobody else understood is a question for the one-stop shop.
/// </summary>
public sealed class WelcomeFeature(CardCatalog cards, TimeProvider clock) : IBotFeature
{
    /// <summary>
    /// One install makes Teams send both an installationUpdate and a conversationUpdate (bot added), in either
    /// order. The second of such a pair is quiet; a repeat of the same event (a reinstall) welcomes again.
    /// </summary>
    private static readonly TimeSpan PairWindow = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Welcomed> _lastWelcome = new(StringComparer.Ordinal);

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
        var conversationId = turn.Activity.Conversation!.Id!;
        var now = new Welcomed(clock.GetUtcNow(), turn.Activity.Type!);
        var kept = _lastWelcome.AddOrUpdate(conversationId, now, (_, last) => last.Pairs(now) ? last : now);
        if (!ReferenceEquals(kept, now))
        {
            return;
        }

        await turn.SendCardAsync(MenuCard(turn));
    }

    private sealed record Welcomed(DateTimeOffset At, string EventType)
    {
        public bool Pairs(Welcomed next) =>
            !string.Equals(EventType, next.EventType, StringComparison.OrdinalIgnoreCase) && next.At - At < PairWindow;
    }

    private Task ShowMenuAsync(ITurnContext turn) => turn.SendCardAsync(MenuCard(turn));

    private JsonObject MenuCard(ITurnContext turn) =>
        cards.Render(WelcomeCardData.For(FirstName(turn.Activity.From?.Name)));

    private JsonObject ComingSoonCard(PlannedFeature feature) =>
        cards.Render(new ComingSoonCardData(feature.Name, feature.WhatItWillDo));

    private static string? FirstName(string? displayName)
    {
        var first = displayName?.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return string.IsNullOrEmpty(first) ? null : first;
    }
}
