using System.Diagnostics;
using LearningBot.Tests.Support;
using Xunit.Abstractions;

namespace LearningBot.Tests.Faults;

/// <summary>
/// A Bot Connector that stops answering costs each turn a few seconds, never a 5xx, and what a change owed people
/// while it was down (recorded in the outbox with the change) is delivered once it is back: exactly once, even when
/// storage fails in between.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ConnectorFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task With_the_connector_timing_out_the_bot_starts_and_answers_every_turn_in_time()
    {
        await using var bot = await FaultBot.StartAsync(azurite, output, "connector timeout");
        bot.Connector.StallEvery = TimeSpan.FromSeconds(60);

        Assert.True(bot.Started <= FaultBot.StartLimit, $"start took {bot.Started.TotalSeconds:0.00} s");
        await bot.HelpAsync(expectCard: false);
        await bot.AskAsync(expectReply: false);
        var (body, _) = await bot.EscalateAsync(Guid.NewGuid().ToString("N"));
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task A_channel_card_owed_while_the_connector_was_down_is_posted_exactly_once_when_it_is_back()
    {
        await using var bot = await FaultBot.StartAsync(azurite, output, "connector down, then back");
        await bot.SetExpertChannelAsync();
        await bot.HelpAsync();
        bot.Connector.StallEvery = TimeSpan.FromSeconds(60);

        var (body, _) = await bot.EscalateAsync(Guid.NewGuid().ToString("N"));
        var ticketId = TicketIdOf(body);
        Assert.Empty(PostsOf(bot, ticketId));

        bot.Connector.StallEvery = null;
        var watch = Stopwatch.StartNew();
        Assert.True(await Eventually.TrueAsync(() => PostsOf(bot, ticketId).Count > 0, TimeSpan.FromSeconds(15)));
        output.WriteLine($"[connector down, then back] channel card delivered {watch.Elapsed.TotalSeconds:0.00} s after the connector recovered");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(PostsOf(bot, ticketId));
    }

    [Fact]
    public async Task A_message_owed_during_a_connector_outage_survives_a_storage_outage_and_is_delivered_exactly_once()
    {
        await using var bot = await FaultBot.StartAsync(azurite, output, "connector down, storage down, both back");
        await bot.SetExpertChannelAsync();
        await bot.HelpAsync();
        bot.Connector.StallEvery = TimeSpan.FromSeconds(60);
        var (body, _) = await bot.EscalateAsync(Guid.NewGuid().ToString("N"));
        var ticketId = TicketIdOf(body);

        bot.StorageIs(FaultMode.BlackHole);
        bot.Connector.StallEvery = null;
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Empty(PostsOf(bot, ticketId));
        await bot.HelpAsync();

        bot.StorageIs(FaultMode.PassThrough);
        Assert.True(await Eventually.TrueAsync(() => PostsOf(bot, ticketId).Count > 0, TimeSpan.FromSeconds(40)));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(PostsOf(bot, ticketId));
    }

    private static string TicketIdOf(System.Text.Json.Nodes.JsonObject body)
    {
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]?.GetValue<string>());
        return LearningBot.Tests.OneStopShop.Escalation.EscalationScenario.Reference(body["value"]!.AsObject());
    }

    private static List<SentActivity> PostsOf(FaultBot bot, string ticketId) =>
        [.. bot.Connector.Sent.Where(sent => sent.ReplyToId is null && sent.Activity.Attachments is { Count: > 0 }
            && CardJson.Texts(sent.Activity).Contains(ticketId, StringComparison.Ordinal)
            && sent.ConversationId.StartsWith("19:hub@thread.tacv2", StringComparison.Ordinal))];
}
