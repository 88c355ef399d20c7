using System.Text.Json.Nodes;
using LearningBot.GoodPractice;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.GoodPractice;

/// <summary>
/// The real bot with two good-practice editors, a member of the L&amp;D Support Team and the L&amp;D channel chosen, on a
/// clock standing still on Wednesday 2 December 2026; people press buttons the way Teams does (the button's data merged
/// with the card's input values) in their own 1:1 chat, and every press is counted.
/// </summary>
public sealed class GoodPracticeHarness : IAsyncDisposable
{
    public static readonly TestPerson Editor = new("29:eve-lane", "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a", "Eve Lane");
    public static readonly TestPerson SecondEditor = new("29:ian-roe", "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d", "Ian Roe");
    public static readonly TestPerson SupportTeam = new("29:sam-ito", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", "Sam Ito");

    /// <summary>The L&amp;D channel, chosen with "set expert channel".</summary>
    public const string Channel = "19:hub@thread.tacv2";

    private GoodPracticeHarness(BotTestHost bot)
    {
        Bot = bot;
    }

    public BotTestHost Bot { get; }

    public int Presses { get; private set; }

    public ManualClock Clock => (ManualClock)Bot.Services.GetRequiredService<TimeProvider>();

    public GoodPracticeStore Examples => Bot.Services.GetRequiredService<GoodPracticeStore>();

    private string ServiceUrl => Bot.Connector.ServiceUrl;

    /// <summary>Someone who works in the community and holds no role: a new person each time, so drafts never meet.</summary>
    public static TestPerson Contributor() => TestPerson.Unique("contributor", "Kim Hart");

    /// <summary>Answers for every step that pass every check.</summary>
    public static JsonObject Answers(int step) => step switch
    {
        SharingSteps.Story => new()
        {
            [ShareInputs.Title] = "A one-page medicines summary at discharge",
            [ShareInputs.Problem] = "Care homes often did not know a resident's medicines had changed in hospital.",
            [ShareInputs.WhatWeDid] = "Ward pharmacists and two care homes agreed a one-page summary sent on the day of discharge.",
        },
        SharingSteps.Results => new()
        {
            [ShareInputs.WhatChanged] = "Wrong doses in the first week home fell from 14 in 60 discharges to 3 in 60.",
            [ShareInputs.DoDifferently] = "Our first long form did not work: nobody filled it in. Start with one page.",
        },
        SharingSteps.About => new()
        {
            [ShareInputs.Contact] = GoodPracticeChoices.ContactMe,
            [ShareInputs.ContactRole] = "the discharge team",
            [ShareInputs.OrganisationName] = "Riverside Community Trust",
            [ShareInputs.OrganisationKind] = "acute-trust",
            [ShareInputs.Topics] = "medicines,handover-between-organisations",
            [ShareInputs.Link] = "",
            [ShareInputs.Consent] = "true",
            [ShareInputs.Attribution] = Attributions.OrganisationOnly,
        },
        _ => [],
    };

    /// <summary>The bot as described, with <paramref name="settings"/> on top and <paramref name="services"/> replaced (for example the deliveries).</summary>
    public static async Task<GoodPracticeHarness> StartAsync(
        AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-02T14:30:00Z"));
        var all = new Dictionary<string, string?>
        {
            ["Roles:GoodPracticeEditors:0"] = Editor.AadObjectId,
            ["Roles:GoodPracticeEditors:1"] = SecondEditor.AadObjectId,
            ["Roles:SupportTeam:0"] = SupportTeam.AadObjectId,

            // Tests run the review-date check and the weekly bundles themselves, with the clock where they want it.
            ["GoodPractice:ReviewCheckInterval"] = "00:00:00",
            ["GoodPractice:BundleCheckInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var bot = await BotTestHost.StartAsync(
            azurite,
            all,
            collection =>
            {
                collection.AddSingleton<TimeProvider>(clock);
                services?.Invoke(collection);
            });

        // The table is made before the first turn, as a running bot's is by the time people use it.
        await bot.Services.GetRequiredService<GoodPracticeStore>().FindAsync("none", CancellationToken.None);
        var harness = new GoodPracticeHarness(bot);
        await bot.PostActivityAsync(TeamsActivities.ChannelMention(bot.Connector.ServiceUrl, "set expert channel").From(SupportTeam));
        return harness;
    }

    /// <summary><paramref name="person"/> types <paramref name="text"/> in their chat; the card the bot answered with.</summary>
    public async Task<JsonObject> TypeAsync(TestPerson person, string text)
    {
        var before = Bot.Connector.Sent.Count;
        await Bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, text, person.ChatId).From(person));
        return CardJson.Of(Bot.Connector.Sent.Skip(before).Last(s => s.ConversationId == person.ChatId));
    }

    /// <summary>What the bot answered <paramref name="person"/> in text after they typed <paramref name="text"/>.</summary>
    public async Task<string> TypeForTextAsync(TestPerson person, string text)
    {
        var before = Bot.Connector.Sent.Count;
        await Bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, text, person.ChatId).From(person));
        return Bot.Connector.Sent.Skip(before).Last(s => s.ConversationId == person.ChatId).Activity.Text ?? string.Empty;
    }

    /// <summary>Presses the card's button with this verb (the first, when several share it), sending its data and <paramref name="inputs"/>; the invoke's whole answer.</summary>
    public Task<JsonObject> PressForAnswerAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null) =>
        PressActionAsync(person, CardJson.Actions(card, verb)[0], inputs);

    /// <summary>The same, for the card that came back.</summary>
    public async Task<JsonObject> PressAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null) =>
        CardJson.FromInvoke(await PressForAnswerAsync(person, card, verb, inputs));

    public async Task<JsonObject> PressTitledAsync(TestPerson person, JsonObject card, string title, JsonObject? inputs = null) =>
        CardJson.FromInvoke(await PressActionAsync(person, CardJson.ActionByTitle(card, title) ?? throw new InvalidOperationException($"No button {title}."), inputs));

    /// <summary>Presses a button with this verb and data whether or not any card shows it, as a crafted or stale press would.</summary>
    public async Task<JsonObject> PressVerbAsync(TestPerson person, string verb, JsonObject data)
    {
        Presses++;
        var response = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data, person.ChatId).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    /// <summary>Answers the step the card shows with the usual answers (and <paramref name="changes"/>) and presses Next.</summary>
    public Task<JsonObject> NextAsync(TestPerson person, JsonObject card, JsonObject? changes = null)
    {
        var answers = Answers(StepOf(card));
        foreach (var (name, value) in changes ?? [])
        {
            answers[name] = value?.DeepClone();
        }

        return PressAsync(person, card, GoodPracticeVerbs.Next, answers);
    }

    /// <summary><paramref name="person"/> types share and goes through every step to the check step; the check card.</summary>
    public async Task<JsonObject> FillInAsync(TestPerson person)
    {
        var card = await TypeAsync(person, "share");
        while (StepOf(card) < SharingSteps.Check)
        {
            card = await NextAsync(person, card);
        }

        return card;
    }

    /// <summary><paramref name="person"/> shares an example from start to finish; its id.</summary>
    public async Task<string> ShareAsync(TestPerson person)
    {
        var check = await FillInAsync(person);
        await PressAsync(person, check, GoodPracticeVerbs.Submit);
        return ExampleId(check);
    }

    /// <summary>The example's moderation card as the L&amp;D channel shows it now (after any updates in place), once posted.</summary>
    public async Task<JsonObject?> ModerationCardAsync(string exampleId)
    {
        var posted = LearningBot.Connector.Hosting.SentMessage.FromJson((await Examples.FindAsync(exampleId, CancellationToken.None))?.ModerationCard);
        var shown = posted is null ? null : Bot.Connector.Current(Channel).SingleOrDefault(s => s.ActivityId == posted.ActivityId);
        return shown is null ? null : CardJson.Of(shown.Activity);
    }

    /// <summary>Waits for the moderation card to be posted (or to show <paramref name="text"/>); the card.</summary>
    public async Task<JsonObject> PostedCardAsync(string exampleId, string text = "")
    {
        JsonObject? card = null;
        Assert.True(
            await Eventually.TrueAsync(async () => (card = await ModerationCardAsync(exampleId)) is not null && CardJson.Texts(card).Contains(text, StringComparison.Ordinal)),
            $"The moderation card never showed \"{text}\".");
        return card!;
    }

    /// <summary>Posts to the channel about this example (new posts, not updates in place).</summary>
    public int ChannelPostsAbout(string exampleId) =>
        Bot.Connector.Sent.Count(s => s.ConversationId == Channel && s.ReplyToId is null && s.Activity.Attachments is { Count: > 0 }
            && CardJson.Of(s.Activity).ToJsonString().Contains(exampleId, StringComparison.Ordinal));

    /// <summary>Cards the bot sent into <paramref name="person"/>'s chat on its own (not answers to a press).</summary>
    public IReadOnlyList<JsonObject> CardsSentTo(TestPerson person) =>
        [.. Bot.Connector.Sent.Where(s => s.ConversationId == person.ChatId && s.Activity.Attachments is { Count: > 0 }).Select(CardJson.Of)];

    public static int StepOf(JsonObject card) =>
        CardJson.Actions(card).Select(a => a["data"]?["step"]?.GetValue<int>()).FirstOrDefault(step => step is not null) ?? 0;

    public static string ExampleId(JsonObject card) =>
        CardJson.Actions(card).Select(a => a["data"]?["exampleId"]?.GetValue<string>()).First(id => id is not null)!;

    private async Task<JsonObject> PressActionAsync(TestPerson person, JsonObject action, JsonObject? inputs)
    {
        var verb = action["verb"]!.GetValue<string>();
        var data = action["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        Presses++;
        var response = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data, person.ChatId).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    public async ValueTask DisposeAsync() => await Bot.DisposeAsync();
}
