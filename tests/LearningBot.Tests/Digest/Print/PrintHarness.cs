using LearningBot.Digest;
using LearningBot.Digest.Print;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using LearningBot.Delivery;

namespace LearningBot.Tests.Digest.Print;

/// <summary>
/// The real bot on tables of its own with a public address, a digest editor and a member of the L&amp;D Support Team,
/// a clock standing still and a delivery engine that records what it is asked to send (the register of leads is seeded
/// from the who's who, the people directory from people/people.csv).
/// </summary>
public sealed class PrintHarness : IAsyncDisposable
{
    public const string BaseUrl = "https://learning.example.org";

    /// <summary>The primary care L&amp;D lead in the who's who.</summary>
    public static readonly TestPerson PrimaryCareLead = new("29:harriet", "8c7a8a50-e1b7-4675-b747-c3fadf5fda63", "Harriet Okonjo");

    /// <summary>The volunteer coordinator in people/people.csv.</summary>
    public const string CoordinatorKey = "2b8c4d1e-5f60-4c73-8d9e-1a3f4b5c6d72";

    private PrintHarness(BotTestHost bot, InMemoryDeliveries deliveries)
    {
        Bot = bot;
        Deliveries = deliveries;
    }

    public BotTestHost Bot { get; }

    public InMemoryDeliveries Deliveries { get; }

    public ManualClock Clock => (ManualClock)Bot.Services.GetRequiredService<TimeProvider>();

    public DigestEditionStore Editions => Bot.Services.GetRequiredService<DigestEditionStore>();

    public DigestPrintLinks Links => Bot.Services.GetRequiredService<DigestPrintLinks>();

    public static async Task<PrintHarness> StartAsync(AzuriteFixture azurite)
    {
        var deliveries = new InMemoryDeliveries();
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-02T14:30:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                ["Storage:TablePrefix"] = "t" + Guid.NewGuid().ToString("N")[..10],
                ["PublicLinks:BaseUrl"] = BaseUrl,
                ["Roles:DigestEditors:0"] = DigestHarness.Editor.AadObjectId,
                ["Roles:SupportTeam:0"] = DigestHarness.SupportTeam.AadObjectId,
                ["GoodPractice:ReviewCheckInterval"] = "00:00:00",
                ["GoodPractice:BundleCheckInterval"] = "00:00:00",
            },
            services => services.AddSingleton<TimeProvider>(clock).AddSingleton<IDeliveries>(deliveries));
        return new PrintHarness(bot, deliveries);
    }

    /// <summary>Stores a draft of <paramref name="items"/>; its number.</summary>
    public async Task<int> DraftAsync(IReadOnlyList<DigestItem> items)
    {
        var now = Clock.GetUtcNow();
        var draft = DigestEdition.Draft(now.AddDays(-30), now, DigestHarness.Editor.AadObjectId, items, now);
        return (await Editions.CreateDraftAsync(draft, DigestHarness.Editor.AadObjectId, CancellationToken.None)).Number;
    }

    /// <summary>Sets the status as approval, scheduling and delivery will.</summary>
    public Task SetStatusAsync(int number, string status) =>
        Editions.ChangeAsync(number, DigestHarness.SupportTeam.AadObjectId, edition => new DigestEditionChange(
            edition.Changed(status, Clock.GetUtcNow()) with { Status = status }, status, $"Status {status} (test)."), CancellationToken.None);

    public async Task<DigestEdition> EditionAsync(int number) => (await Editions.FindAsync(number, CancellationToken.None))!;

    public async Task<(int Status, string Body, HttpResponseMessage Response)> GetAsync(string pathAndQuery)
    {
        var response = await Bot.Client.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static DigestItem Item(string kind, string headline, string text, string link = "", string organisationKind = "", string category = "")
    {
        var today = new DateOnly(2026, 12, 2);
        return DigestItem.Of(kind, string.Empty, PersonalDataScrubber.Scrub(headline, today), PersonalDataScrubber.Scrub(text, today),
            PersonalDataScrubber.Scrub(link, today), organisationKind, category);
    }

    public async ValueTask DisposeAsync() => await Bot.DisposeAsync();
}
