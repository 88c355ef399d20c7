using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.GoodPractice;
using LearningBot.GoodPractice.LeadNotices;
using LearningBot.GoodPractice.Networks;
using LearningBot.Leads;
using LearningBot.Outbox;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.GoodPractice;

/// <summary>
/// A good-practice hub (the real delivery engine posting to the fake Teams) with networks in the register of leads, each
/// test with networks and a channel of its own; people speak in a network's channel by @mentioning the bot.
/// </summary>
public sealed class NetworkChannelScenario(GoodPracticeHarness hub)
{
    public GoodPracticeHarness Hub => hub;

    public NetworkChannelStore Channels => hub.Bot.Services.GetRequiredService<NetworkChannelStore>();

    public static async Task<NetworkChannelScenario> StartAsync(AzuriteFixture azurite) => new(await GoodPracticeHarness.StartAsync(azurite));

    /// <summary>A network in the register: its lead's entry, of kind network-lead, following <paramref name="topics"/>.</summary>
    public async Task<TestPerson> AddNetworkAsync(string name, params string[] topics)
    {
        var person = TestPerson.Unique("network", name);
        var details = new LeadDetails(ScrubbedText.Empty, ScrubbedText.Empty, "voluntary-sector", topics, AlertPreferences.Weekly);
        var register = hub.Bot.Services.GetRequiredService<LeadRegister>();
        await register.AddAsync(LeadEntry.Create(details, person.AadObjectId, person.Name, "test", hub.Clock.Now) with { Kind = NetworkNotifier.NetworkKind }, CancellationToken.None);
        return person;
    }

    /// <summary>A channel of its own, in the team "Networks".</summary>
    public static string NewChannel() => $"19:network-{Guid.NewGuid():N}@thread.tacv2";

    /// <summary><paramref name="person"/> @mentions the bot in <paramref name="channel"/> with <paramref name="text"/>; what the bot posted there in answer.</summary>
    /// <summary>
    /// Says <paramref name="text"/> in the team's channel <paramref name="channel"/> (the team's General channel, as its
    /// id is the team's); <paramref name="named"/> false sends the channel without its name, as Teams sends messages.
    /// </summary>
    public async Task<IReadOnlyList<SentActivity>> SayInChannelAsync(TestPerson person, string channel, string text, bool named = true)
    {
        var before = hub.Bot.Connector.Sent.Count;
        var activity = InChannel(TeamsActivities.ChannelMention(hub.Bot.Connector.ServiceUrl, text), channel);
        if (!named)
        {
            activity["channelData"]!["channel"]!.AsObject().Remove("name");
        }

        await hub.Bot.PostActivityAsync(activity.From(person));
        return [.. hub.Bot.Connector.Sent.Skip(before).Where(s => s.ConversationId.StartsWith(channel, StringComparison.Ordinal))];
    }

    /// <summary>Presses the pick card's button in the channel, choosing <paramref name="network"/>; the invoke's answer.</summary>
    public async Task<JsonObject> ChooseInChannelAsync(TestPerson person, string channel, string network)
    {
        var press = TeamsActivities.ExecuteAction(hub.Bot.Connector.ServiceUrl, NetworkChannelVerbs.Choose, new JsonObject { ["network"] = network }, channel + ";messageid=1700000000001");
        press["conversation"]!["conversationType"] = "channel";
        press["channelData"] = new JsonObject
        {
            ["team"] = new JsonObject { ["id"] = channel, ["name"] = "Networks" },
            ["channel"] = new JsonObject { ["id"] = channel, ["name"] = "Good practice" },
        };
        var response = await hub.Bot.PostActivityAsync(press.From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    /// <summary>Cards posted in the channel on the bot's own (new posts, not answers in a thread).</summary>
    public IReadOnlyList<SentActivity> CardsPostedIn(string channel) =>
        [.. hub.Bot.Connector.Sent.Where(s => s.ConversationId == channel && s.Activity.Attachments is { Count: > 0 })];

    /// <summary>An example about medicines and handover shared and approved; once the approval has been delivered, its id.</summary>
    public async Task<string> ApproveAsync()
    {
        var id = await hub.ShareAsync(GoodPracticeHarness.Contributor());
        await hub.PressVerbAsync(GoodPracticeHarness.Editor, GoodPracticeVerbs.Approve, new JsonObject { ["exampleId"] = id });
        return id;
    }

    /// <summary>Delivers the approval's outbox row again, as a retry or another instance would.</summary>
    public Task<OutboxResult> RedeliverAsync(string exampleId) =>
        hub.Bot.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == LeadNoticeOutbox.KindName)
            .DeliverAsync(new OutboxEntity { Subject = exampleId }, CancellationToken.None);

    /// <summary>Waits until the network's post of the example has been delivered; the delivery.</summary>
    public async Task<DeliveryProgress> DeliveredAsync(TestPerson network, string exampleId)
    {
        var deliveries = hub.Bot.Services.GetRequiredService<IDeliveries>();
        DeliveryProgress? progress = null;
        Assert.True(
            await Eventually.TrueAsync(async () => await Channels.FindPostAsync(network.AadObjectId, exampleId, CancellationToken.None) is { DeliveryId: { } id }
                && (progress = await deliveries.GetProgressAsync(id, CancellationToken.None)) is { Status: DeliveryStatuses.Completed }),
            "The network's post was never delivered.");
        return progress!;
    }

    private static JsonObject InChannel(JsonObject activity, string channel)
    {
        activity["conversation"]!["id"] = channel + ";messageid=1700000000000";
        activity["channelData"]!["team"] = new JsonObject { ["id"] = channel, ["name"] = "Networks" };
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = channel, ["name"] = "Good practice" };
        return activity;
    }
}
