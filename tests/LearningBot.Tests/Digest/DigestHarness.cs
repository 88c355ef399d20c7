using System.Text.Json.Nodes;
using LearningBot.Digest;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Digest;

/// <summary>
/// The real bot, on tables of its own (so editions numbered in one test never meet another's), with a digest editor and a
/// member of the L&amp;D Support Team, on a clock standing still; people type and press buttons the way Teams does (the
/// button's data merged with the card's input values) in their own 1:1 chat.
/// </summary>
public sealed class DigestHarness : IAsyncDisposable
{
    public static readonly TestPerson Editor = new("29:dee-cole", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", "Dee Cole");
    public static readonly TestPerson SupportTeam = new("29:sam-ito", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", "Sam Ito");

    private DigestHarness(BotTestHost bot, string tablePrefix)
    {
        Bot = bot;
        TablePrefix = tablePrefix;
    }

    public BotTestHost Bot { get; }

    public string TablePrefix { get; }

    public ManualClock Clock => (ManualClock)Bot.Services.GetRequiredService<TimeProvider>();

    public DigestEditionStore Editions => Bot.Services.GetRequiredService<DigestEditionStore>();

    public DigestContributionStore Contributions => Bot.Services.GetRequiredService<DigestContributionStore>();

    private string ServiceUrl => Bot.Connector.ServiceUrl;

    public static TestPerson Colleague() => TestPerson.Unique("colleague", "Kim Hart");

    public static async Task<DigestHarness> StartAsync(AzuriteFixture azurite, DateTimeOffset? now = null)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var clock = new ManualClock(now ?? DateTimeOffset.Parse("2026-12-02T14:30:00Z"));
        var bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                ["Storage:TablePrefix"] = prefix,
                ["Roles:DigestEditors:0"] = Editor.AadObjectId,
                ["Roles:SupportTeam:0"] = SupportTeam.AadObjectId,
                ["GoodPractice:ReviewCheckInterval"] = "00:00:00",
                ["GoodPractice:BundleCheckInterval"] = "00:00:00",
            },
            services => services.AddSingleton<TimeProvider>(clock));
        return new DigestHarness(bot, prefix);
    }

    /// <summary><paramref name="person"/> types <paramref name="text"/> in their chat; what the bot answered.</summary>
    public async Task<LearningBot.Connector.Schema.Activity> TypeForReplyAsync(TestPerson person, string text)
    {
        var before = Bot.Connector.Sent.Count;
        await Bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, text, person.ChatId).From(person));
        return Bot.Connector.Sent.Skip(before).Last(s => s.ConversationId == person.ChatId).Activity;
    }

    public async Task<JsonObject> TypeAsync(TestPerson person, string text)
    {
        var reply = await TypeForReplyAsync(person, text);
        Assert.True(reply.Attachments is { Count: > 0 }, $"'{text}' was answered without a card: {reply.Text}");
        return CardJson.Of(reply);
    }

    /// <summary>Presses the button with this verb (for an item's buttons, the one of the item with this headline), with <paramref name="inputs"/>; the invoke's answer.</summary>
    public async Task<JsonObject> PressForAnswerAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null, string? itemId = null)
    {
        var action = CardJson.Actions(card, verb).First(a => itemId is null || a["data"]?["itemId"]?.GetValue<string>() == itemId);
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        var response = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data, person.ChatId).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    public async Task<JsonObject> PressAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null, string? itemId = null) =>
        CardJson.FromInvoke(await PressForAnswerAsync(person, card, verb, inputs, itemId));

    public static JsonObject TeamItem(string headline, string kind = DigestCards.Everyone, string link = "") => new()
    {
        ["category"] = "course",
        ["headline"] = headline,
        ["text"] = $"{headline}: sessions run every month at the Harbour Lane hub. Ask your L&D lead for a place.",
        ["link"] = link,
        ["organisationKind"] = kind,
    };

    /// <summary>The version the editor's card shows.</summary>
    public static int VersionOf(JsonObject card) =>
        CardJson.Actions(card, DigestVerbs.Add).Single()["data"]!["version"]!.GetValue<int>();

    /// <summary>The headlines of the edition's items, in order.</summary>
    public async Task<IReadOnlyList<string>> HeadlinesAsync(int number) =>
        [.. (await Editions.FindAsync(number, CancellationToken.None))!.Items.Select(item => item.Shown().Headline)];

    /// <summary>Marks the edition as sent, as delivery will.</summary>
    public Task MarkSentAsync(int number) =>
        Editions.ChangeAsync(number, SupportTeam.AadObjectId, edition => new DigestEditionChange(
            edition.Changed("sent", Clock.GetUtcNow()) with { Status = DigestStatus.Sent }, "sent", "Sent (test)."), CancellationToken.None);

    public async ValueTask DisposeAsync() => await Bot.DisposeAsync();
}
