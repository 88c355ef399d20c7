using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.Digest;
using LearningBot.Digest.Approval;
using LearningBot.Leads;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.Digest.Approval;

/// <summary>
/// The real bot on tables of its own, with a digest editor, a digest approver, an editor who also approves, the
/// voluntary sector's L&amp;D lead in the register of leads (the council has none), and a delivery engine that records
/// what it was asked to send. People press buttons the way Teams does, in their own 1:1 chat.
/// </summary>
public sealed class ApprovalHarness : IAsyncDisposable
{
    public static readonly TestPerson Editor = new("29:dee-cole", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", "Dee Cole");
    public static readonly TestPerson Approver = new("29:ana-patel", "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e", "Ana Patel");
    public static readonly TestPerson EditorWhoApproves = new("29:eve-ross", "7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a", "Eve Ross");
    public static readonly TestPerson VoluntaryLead = new("29:lil-lead", "a1b2c3d4-0000-4000-8000-00000000b001", "Lil Lead");
    public static readonly TestPerson IndependentLead = new("29:cal-lead", "a1b2c3d4-0000-4000-8000-00000000b002", "Cal Lead");

    private ApprovalHarness(BotTestHost bot, InMemoryDeliveries deliveries)
    {
        Bot = bot;
        Deliveries = deliveries;
    }

    public BotTestHost Bot { get; }

    public InMemoryDeliveries Deliveries { get; }

    public DigestEditionStore Editions => Bot.Services.GetRequiredService<DigestEditionStore>();

    private string ServiceUrl => Bot.Connector.ServiceUrl;

    public static async Task<ApprovalHarness> StartAsync(AzuriteFixture azurite)
    {
        var deliveries = new InMemoryDeliveries();
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-02T14:30:00Z"));
        var bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
                ["Roles:DigestEditors:0"] = Editor.AadObjectId,
                ["Roles:DigestEditors:1"] = EditorWhoApproves.AadObjectId,
                ["Roles:DigestApprovers:0"] = Approver.AadObjectId,
                ["Roles:DigestApprovers:1"] = EditorWhoApproves.AadObjectId,
                ["Leads:SeedFile"] = string.Empty,
                ["GoodPractice:ReviewCheckInterval"] = "00:00:00",
                ["GoodPractice:BundleCheckInterval"] = "00:00:00",
            },
            services => services.AddSingleton<TimeProvider>(clock).AddSingleton<IDeliveries>(deliveries));
        var hub = new ApprovalHarness(bot, deliveries);
        await hub.AddLearningLeadAsync(VoluntaryLead, "voluntary-sector");
        await hub.AddLearningLeadAsync(IndependentLead, "independent-sector");
        foreach (var person in new[] { Approver, EditorWhoApproves, VoluntaryLead, IndependentLead })
        {
            // Each has used the bot before, so it knows their chat (and the name Teams gives them).
            await hub.TypeAsync(person, "digest");
        }

        return hub;
    }

    public async Task<JsonObject> TypeAsync(TestPerson person, string text)
    {
        var before = Bot.Connector.Sent.Count;
        await Bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, text, person.ChatId).From(person));
        return CardJson.Of(Bot.Connector.Sent.Skip(before).Last(s => s.ConversationId == person.ChatId).Activity);
    }

    public async Task<JsonObject> PressForAnswerAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null)
    {
        var data = CardJson.Actions(card, verb).First()["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        var response = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data, person.ChatId).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    public async Task<JsonObject> PressAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null) =>
        CardJson.FromInvoke(await PressForAnswerAsync(person, card, verb, inputs));

    /// <summary>Starts an edition and adds a team item for each kind given (<see cref="DigestCards.Everyone"/> for everyone); the editor's card.</summary>
    public async Task<JsonObject> DraftAsync(TestPerson editor, params string[] kinds)
    {
        var card = await TypeAsync(editor, "start digest");
        foreach (var kind in kinds)
        {
            card = await AddAsync(editor, card, $"Learning set for {kind}", kind);
        }

        return card;
    }

    /// <summary>The editor drafts an edition for everyone and sends it for approval; their card and the approver's one request.</summary>
    public async Task<(JsonObject Card, JsonObject Request)> SentForApprovalAsync()
    {
        var card = await DraftAsync(Editor, DigestCards.Everyone);
        await PressAsync(Editor, card, DigestVerbs.SendForApproval);
        return (card, Assert.Single(ApprovalCardsFor(Approver)));
    }

    /// <summary>The editor's card of the edition in hand, as <c>start digest</c> shows it.</summary>
    public Task<JsonObject> EditorsCardAsync(TestPerson editor) => TypeAsync(editor, "start digest");

    public async Task<JsonObject> AddAsync(TestPerson editor, JsonObject card, string headline, string kind = DigestCards.Everyone) =>
        await PressAsync(editor, await PressAsync(editor, card, DigestVerbs.Add), DigestVerbs.Save, new()
        {
            ["category"] = "course",
            ["headline"] = headline,
            ["text"] = $"{headline}: sessions run every month at the Harbour Lane hub.",
            ["link"] = "",
            ["organisationKind"] = kind,
        });

    /// <summary>The approval cards sent to <paramref name="person"/>, oldest first.</summary>
    public IReadOnlyList<JsonObject> ApprovalCardsFor(TestPerson person) => SentTo(DigestApproving.RequestPurpose, person);

    /// <summary>What the editor was told about approval, oldest first.</summary>
    public IReadOnlyList<JsonObject> NewsFor(TestPerson person) => SentTo(DigestApproving.NewsPurpose, person);

    public async Task<DigestEdition> EditionAsync(int number = 1) => (await Editions.FindAsync(number, CancellationToken.None))!;

    public Task<IReadOnlyList<DigestAuditEntry>> AuditAsync(int number = 1) => Editions.AuditAsync(number, CancellationToken.None);

    public static JsonObject Comment(string text) => new() { ["comment"] = text };

    /// <summary>The deliveries started for <paramref name="purpose"/>, oldest first.</summary>
    public IReadOnlyList<DeliveryRequest> Started(string purpose)
    {
        lock (Deliveries.Started)
        {
            return [.. Deliveries.Started.Where(d => d.Purpose == purpose)];
        }
    }

    private IReadOnlyList<JsonObject> SentTo(string purpose, TestPerson person) =>
        [.. Started(purpose).Where(d => d.Recipients.Any(r => r.Key == person.AadObjectId)).Select(d => CardJson.Of(d.Message))];

    private async Task AddLearningLeadAsync(TestPerson person, string organisationKind)
    {
        var today = new DateOnly(2026, 12, 2);
        var details = new LeadDetails(PersonalDataScrubber.Scrub("L&D lead", today), PersonalDataScrubber.Scrub("Harbour Lane", today), organisationKind, ["other"], AlertPreferences.Weekly);
        await Bot.Services.GetRequiredService<LeadRegister>().AddAsync(
            LeadEntry.Create(details, person.AadObjectId, person.Name, "test", DateTimeOffset.UtcNow) with { Kind = LeadEntry.LearningLeadKind }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync() => await Bot.DisposeAsync();
}
