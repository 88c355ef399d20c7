using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.Digest;
using LearningBot.Digest.Sending;
using LearningBot.People;
using LearningBot.Privacy;
using LearningBot.Tests.FiveMinuteReview;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Digest.Sending;

/// <summary>
/// A bot instance with the digest's sending job left to the test (it runs <see cref="SendDueAsync"/> itself), a people
/// directory the test fills in and deliveries recorded instead of sent. Two instances started with the same table prefix,
/// directory and deliveries share one storage account and one delivery engine, as two instances in production do.
/// </summary>
public sealed class DigestSendingHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T14:30:00Z");

    private DigestSendingHarness(BotTestHost bot) => Bot = bot;

    public BotTestHost Bot { get; }

    public DigestEditionStore Editions => Bot.Services.GetRequiredService<DigestEditionStore>();

    public static async Task<DigestSendingHarness> StartAsync(AzuriteFixture azurite, string prefix, InMemoryPeopleDirectory people, InMemoryDeliveries deliveries)
    {
        var bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                ["Storage:TablePrefix"] = prefix,
                ["Roles:DigestEditors:0"] = DigestHarness.Editor.AadObjectId,
                ["Digest:Sending:CheckInterval"] = "00:00:00",
                ["GoodPractice:ReviewCheckInterval"] = "00:00:00",
                ["GoodPractice:BundleCheckInterval"] = "00:00:00",
            },
            services => services
                .AddSingleton<TimeProvider>(new ManualClock(Now))
                .AddSingleton<IPeopleDirectory>(people)
                .AddSingleton<IDeliveries>(deliveries));
        return new DigestSendingHarness(bot);
    }

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    public Task<int> SendDueAsync() => Bot.Services.GetRequiredService<DigestSender>().SendDueAsync(CancellationToken.None);

    /// <summary>A new edition with <paramref name="items"/> headlines, brought to <paramref name="status"/> as approval would.</summary>
    public async Task<DigestEdition> EditionAsync(string status, int items = 2)
    {
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var list = Enumerable.Range(1, items).Select(i => DigestItem.Of(
            DigestItemKinds.TeamItem, string.Empty, PersonalDataScrubber.Scrub($"Course {i} at the Harbour Lane hub", today),
            PersonalDataScrubber.Scrub("Sessions run every month. Ask your L&D lead for a place.", today), ScrubbedText.Empty, category: "course")).ToList();
        var draft = await Editions.CreateDraftAsync(DigestEdition.Draft(Now.AddDays(-30), Now, DigestHarness.Editor.AadObjectId, list, Now), DigestHarness.Editor.AadObjectId, CancellationToken.None);
        return status == DigestStatus.Draft ? draft : await SetStatusAsync(draft.Number, status);
    }

    public async Task<DigestEdition> SetStatusAsync(int number, string status) =>
        (await Editions.ChangeAsync(number, DigestHarness.Editor.AadObjectId, edition => new DigestEditionChange(
            edition.Changed("test", Now) with { Status = status }, status, $"Set to {status} (test)."), CancellationToken.None))!.Entity;

    public async Task<DigestEdition> FindAsync(int number) => (await Editions.FindAsync(number, CancellationToken.None))!;

    /// <summary>The press as Teams sends it (a forged one is the same thing with data the card never offered); the invoke's answer.</summary>
    public async Task<JsonObject> PressAsync(TestPerson person, string verb, JsonObject data)
    {
        var response = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(Bot.Connector.ServiceUrl, verb, data, person.ChatId).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    /// <summary>The editor schedules the edition from its send card: to <paramref name="kinds"/> (or everyone with the app), now or at a UK date and time.</summary>
    public Task<JsonObject> ScheduleAsync(DigestEdition edition, string kinds = "voluntary-sector", string when = "now", string date = "", string time = "", bool everyone = false) =>
        PressAsync(DigestHarness.Editor, DigestVerbs.Schedule, new JsonObject
        {
            ["number"] = edition.Number,
            ["version"] = edition.Version,
            ["everyone"] = everyone ? "true" : "false",
            ["kinds"] = kinds,
            ["when"] = when,
            ["date"] = date,
            ["time"] = time,
        });

    /// <summary><paramref name="person"/> types <paramref name="text"/>; the text of what the bot answered (a card's JSON when it answered with a card).</summary>
    public async Task<string> TypeAsync(TestPerson person, string text)
    {
        var before = Bot.Connector.Sent.Count;
        await Bot.PostActivityAsync(TeamsActivities.Message(Bot.Connector.ServiceUrl, text, person.ChatId).From(person));
        var reply = Bot.Connector.Sent.Skip(before).Last(s => s.ConversationId == person.ChatId).Activity;
        return reply.Attachments is { Count: > 0 } ? CardJson.Of(reply).ToJsonString() : reply.Text ?? string.Empty;
    }

    public async ValueTask DisposeAsync() => await Bot.DisposeAsync();
}
