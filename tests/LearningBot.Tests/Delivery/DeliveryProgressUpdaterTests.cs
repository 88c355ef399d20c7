using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Delivery;

/// <summary>
/// The progress card kept up to date by two updaters at once (two instances of the bot) on one Azurite: each period
/// one of them updates the card, only when what it shows has changed, and the final card is shown once.
/// </summary>
public sealed class DeliveryProgressUpdaterTests(DeliveryUiHostFixture fixture) : IClassFixture<DeliveryUiHostFixture>
{
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_card_is_posted_once_even_when_the_engine_says_twice()
    {
        var (bot, progress, chat) = NewDelivery();
        var notifier = bot.Services.GetRequiredService<IDeliveryProgressNotifier>();

        await Task.WhenAll(notifier.StartedAsync(progress, chat, CancellationToken.None), notifier.StartedAsync(progress, chat, CancellationToken.None));

        var posted = Assert.Single(bot.Connector.Sent);
        Assert.Contains("Sent to 0 of 100", CardJson.Texts(CardJson.Of(posted)), StringComparison.Ordinal);
        Assert.Equal(DeliveryProgressVerbs.Cancel, Assert.Single(CardJson.Verbs(CardJson.Of(posted))));
    }

    [Fact]
    public async Task Two_updaters_update_a_card_once_per_period_and_only_when_it_changed()
    {
        var (bot, progress, chat) = NewDelivery();
        await bot.Services.GetRequiredService<IDeliveryProgressNotifier>().StartedAsync(progress, chat, CancellationToken.None);
        var clock = new ManualClock(DateTimeOffset.UtcNow.Add(Period));
        var (first, second) = (NewUpdater(bot, clock), NewUpdater(bot, clock));

        fixture.Deliveries.Set(progress with { Sent = 40, EstimatedRemaining = TimeSpan.FromMinutes(3) });
        await BothAsync(first, second);
        await BothAsync(first, second);
        Assert.Equal(1, Updates(bot, chat));

        clock.Advance(Period);
        await BothAsync(first, second);
        Assert.Equal(1, Updates(bot, chat));

        fixture.Deliveries.Set(progress with { Sent = 80, Unreachable = 5, EstimatedRemaining = TimeSpan.FromMinutes(1) });
        clock.Advance(Period);
        await BothAsync(first, second);

        Assert.Equal(2, Updates(bot, chat));
        var shown = CardJson.Texts(CardJson.Of(Assert.Single(bot.Connector.Current(chat.Conversation!.Id!))));
        Assert.Contains("Sent to 80 of 100 · 5 unreachable · 0 failed · about a minute left", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_final_card_is_shown_once_and_the_card_leaves_the_open_index()
    {
        var (bot, progress, chat) = NewDelivery();
        await bot.Services.GetRequiredService<IDeliveryProgressNotifier>().StartedAsync(progress, chat, CancellationToken.None);
        var clock = new ManualClock(DateTimeOffset.UtcNow.Add(Period));
        var (first, second) = (NewUpdater(bot, clock), NewUpdater(bot, clock));
        fixture.Deliveries.Set(progress with { Status = DeliveryStatuses.Completed, Sent = 97, Unreachable = 3, FinishedAt = progress.StartedAt.AddSeconds(95) });
        fixture.Deliveries.SetReport(progress.DeliveryId,
            new DeliveryReportLine("person", "Harbour Lane Community Trust", "voluntary-sector", "unreachable", "no-teams", null),
            new DeliveryReportLine("person", "Harbour Lane Community Trust", "voluntary-sector", "unreachable", "no-teams", null),
            new DeliveryReportLine("person", "Eastmoor Mental Health Trust", "mental-health-trust", "unreachable", "left-organisation", null));

        await BothAsync(first, second);
        clock.Advance(Period);
        await BothAsync(first, second);

        Assert.Equal(1, Updates(bot, chat));
        var card = CardJson.Of(Assert.Single(bot.Connector.Current(chat.Conversation!.Id!)));
        var texts = CardJson.Texts(card);
        Assert.Contains("2: counted for the printed edition", texts, StringComparison.Ordinal);
        Assert.Contains("1: 1 has left the organisation", texts, StringComparison.Ordinal);
        Assert.Contains("1 minute 35 seconds", texts, StringComparison.Ordinal);
        Assert.NotNull(DeliveryProgressCardTests.ReportButton(card));
        Assert.Empty(CardJson.Verbs(card));
        Assert.DoesNotContain(progress.DeliveryId, await OpenAsync(bot));
    }

    [Fact]
    public async Task An_update_that_fails_is_tried_again_next_period()
    {
        var (bot, progress, chat) = NewDelivery();
        await bot.Services.GetRequiredService<IDeliveryProgressNotifier>().StartedAsync(progress, chat, CancellationToken.None);
        var clock = new ManualClock(DateTimeOffset.UtcNow.Add(Period));
        var updater = NewUpdater(bot, clock);
        fixture.Deliveries.Set(progress with { Sent = 50 });

        bot.Connector.FailNext(new FakeFailure(403, "BotNotInConversationRoster"));
        await updater.UpdateOpenCardsAsync(CancellationToken.None);
        clock.Advance(Period);
        await updater.UpdateOpenCardsAsync(CancellationToken.None);

        Assert.Equal(2, Updates(bot, chat));
        var shown = CardJson.Texts(CardJson.Of(Assert.Single(bot.Connector.Current(chat.Conversation!.Id!))));
        Assert.Contains("Sent to 50 of 100", shown, StringComparison.Ordinal);
    }

    private (BotTestHost Bot, DeliveryProgress Progress, ConversationReference Chat) NewDelivery()
    {
        var bot = fixture.ForTest();
        var progress = fixture.Deliveries.Set(new DeliveryProgress(Guid.NewGuid().ToString("N"), "announcement", DeliveryUiHostFixture.Support.AadObjectId,
            DeliveryStatuses.Sending, 100, 0, 0, 0, 0, DateTimeOffset.UtcNow, null, null));
        var chat = new ConversationReference
        {
            ServiceUrl = bot.Connector.ServiceUrl,
            ChannelId = "msteams",
            Bot = new ChannelAccount { Id = TeamsActivities.BotId, Name = "LearningBot" },
            User = DeliveryUiHostFixture.Support.Account(),
            Conversation = new ConversationAccount { Id = "a:" + Guid.NewGuid().ToString("N"), ConversationType = "personal", TenantId = TeamsActivities.TenantId },
        };
        return (bot, progress, chat);
    }

    private static DeliveryProgressUpdater NewUpdater(BotTestHost bot, TimeProvider clock) =>
        ActivatorUtilities.CreateInstance<DeliveryProgressUpdater>(bot.Services, clock);

    private static Task BothAsync(DeliveryProgressUpdater first, DeliveryProgressUpdater second) =>
        Task.WhenAll(first.UpdateOpenCardsAsync(CancellationToken.None), second.UpdateOpenCardsAsync(CancellationToken.None));

    /// <summary>Updates of this test's card only: cards other tests left open stay in the index.</summary>
    private static int Updates(BotTestHost bot, ConversationReference chat) =>
        bot.Connector.Requests.Count(r => r.Method == "PUT" && r.RawTarget.Contains(chat.Conversation!.Id![2..], StringComparison.Ordinal));

    private static async Task<List<string>> OpenAsync(BotTestHost bot)
    {
        var open = new List<string>();
        await foreach (var id in bot.Services.GetRequiredService<DeliveryProgressCardStore>().OpenAsync(CancellationToken.None))
        {
            open.Add(id);
        }

        return open;
    }
}
