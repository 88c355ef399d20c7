using System.Globalization;
using System.Net;
using LearningBot.Calendar;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Finding;
using LearningBot.LearningDirectory.Printing;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.LearningDirectory.Printing;

/// <summary><c>print directory</c> through the real bot, and the signed printable page it links to.</summary>
public sealed class DirectoryPrintTests(DirectoryPrintTests.Host host) : IClassFixture<DirectoryPrintTests.Host>
{
    private const string BaseUrl = "https://learning.example.org";

    private readonly BotTestHost _bot = host.ForTest();

    /// <summary>The bot with a public address, a clock that moves only when told, and a directory of a few offers next month.</summary>
    public sealed class Host : BotHostFixture
    {
        public ManualClock Clock { get; } = new();

        /// <summary>The first day of next month, UK time.</summary>
        public DateOnly NextMonth { get; }

        public Host()
        {
            var today = UkTime.Today(Clock);
            NextMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        }

        public CourseOffer ForEveryone => DirectoryTestData.Offer("print-fire-everyone", title: "Fire safety for everyone") with
        {
            MandatoryTopic = "fire-safety", IsSample = true, Booking = new BookingRoute("https://learning.example.org/book/fire", "fire@example.org", "01632 960123"),
        };

        public CourseOffer ForHospitals => DirectoryTestData.Offer("print-ward-drills", title: "Ward fire drills") with { MandatoryTopic = "fire-safety", OpenTo = ["acute-trust"] };

        public CourseOffer ForCouncil => DirectoryTestData.Offer("print-council-safeguarding", kind: "council", title: "Safeguarding adults for council teams") with
        {
            MandatoryTopic = "safeguarding-adults", OpenTo = ["council"],
        };

        public CourseSession Early => DirectoryTestData.Session(ForEveryone.Id, "early", On(5));

        public CourseSession Late => DirectoryTestData.Session(ForEveryone.Id, "late", On(20));

        public CourseSession MonthAfter => DirectoryTestData.Session(ForEveryone.Id, "month-after", UkTime.At(NextMonth.AddMonths(1).AddDays(3), new TimeOnly(10, 0)));

        protected override IReadOnlyDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["PublicLinks:BaseUrl"] = BaseUrl };

        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<TimeProvider>(Clock).AddSingleton<ICourseCatalogue>(new TestCatalogue(
            [
                new CourseListing(ForEveryone, [Early, Late, MonthAfter]),
                new CourseListing(ForHospitals, [DirectoryTestData.Session(ForHospitals.Id, "ward", On(12))]),
                new CourseListing(ForCouncil, [DirectoryTestData.Session(ForCouncil.Id, "council", On(14))]),
            ]));

        public DateTimeOffset On(int day) => UkTime.At(NextMonth.AddDays(day - 1), new TimeOnly(10, 0));
    }

    private string MonthName => host.NextMonth.ToString("MMMM", CultureInfo.InvariantCulture);

    private DirectoryPrintLinks Links => _bot.Services.GetRequiredService<DirectoryPrintLinks>();

    [Fact]
    public async Task Print_directory_for_a_month_and_kind_links_to_a_page_of_only_that_kinds_offers_and_that_months_sessions()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, $"print directory {MonthName.ToLowerInvariant()} council").From(TestPerson.Priya));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.Contains("open to staff of the city council", CardJson.Texts(card), StringComparison.Ordinal);
        var links = CardJson.Descendants(card).Where(n => CardJson.Type(n) == "Action.OpenUrl").Select(n => n["url"]!.GetValue<string>()).ToList();
        Assert.Equal(2, links.Count);
        Assert.All(links, link => Assert.StartsWith($"{BaseUrl}/learning-directory/print/{host.NextMonth:yyyy-MM}/council?exp=", link, StringComparison.Ordinal));

        var (status, page) = await GetAsync(links[0]);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"<h1>Learning directory: {host.NextMonth.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}</h1>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Fire safety</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>Safeguarding adults</h2>", page, StringComparison.Ordinal);
        Assert.Contains("Safeguarding adults for council teams", page, StringComparison.Ordinal);
        Assert.Contains(Encoded(CourseWording.When(host.Early)), page, StringComparison.Ordinal);
        Assert.Contains(Encoded(CourseWording.When(host.Late)), page, StringComparison.Ordinal);
        Assert.DoesNotContain(Encoded(CourseWording.When(host.MonthAfter)), page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ward fire drills", page, StringComparison.Ordinal);
        Assert.Contains("Sample: an example, not a real course yet.", page, StringComparison.Ordinal);
        Assert.Contains("To book: phone 01632 960123, or email fire@example.org, or online at learning.example.org/book/fire.", page, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4;", page, StringComparison.Ordinal);
        Assert.Contains("body { font-size: 12pt; }", page, StringComparison.Ordinal);

        var (largeStatus, large) = await GetAsync(links[1]);
        Assert.Equal(HttpStatusCode.OK, largeStatus);
        Assert.Contains("body { font-size: 16pt;", large, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sessions_already_past_are_not_printed()
    {
        var request = new DirectoryPrintRequest(host.NextMonth, null);
        var path = Links.PathAndQuery(request, DateTimeOffset.UtcNow.AddDays(90).ToUnixTimeSeconds());
        var realNow = host.Clock.Now;
        host.Clock.Now = host.On(10);
        try
        {
            var (status, page) = await GetAsync(path);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains(Encoded(CourseWording.When(host.Late)), page, StringComparison.Ordinal);
            Assert.DoesNotContain(Encoded(CourseWording.When(host.Early)), page, StringComparison.Ordinal);
            Assert.DoesNotContain("Safeguarding adults for council teams", page, StringComparison.Ordinal);
        }
        finally
        {
            host.Clock.Now = realNow;
        }
    }

    [Fact]
    public async Task Rejects_a_link_whose_month_or_kind_was_changed()
    {
        var path = Links.PathAndQuery(new DirectoryPrintRequest(host.NextMonth, "council"), DateTimeOffset.UtcNow.AddDays(5).ToUnixTimeSeconds());

        var (status, page) = await GetAsync(path.Replace("/council?", "/acute-trust?", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("Ward fire drills", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_directory_on_its_own_is_for_this_month_and_the_callers_own_kind_of_organisation()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "print directory").From(TestPerson.Priya));

        var text = CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.Contains(UkTime.Local(host.Clock.GetUtcNow()).ToString("MMMM yyyy", CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("open to staff of voluntary organisations", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Print_directory_with_words_it_cannot_read_says_how_to_ask()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, "print directory for my cat").From(TestPerson.Priya));

        Assert.StartsWith("Sorry, I couldn't read that.", Assert.Single(_bot.Connector.Sent).Activity.Text, StringComparison.Ordinal);
    }

    private static string Encoded(string text) => WebUtility.HtmlEncode(text);

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string link)
    {
        var response = await _bot.Client.GetAsync(new Uri(link.StartsWith(BaseUrl, StringComparison.Ordinal) ? link[BaseUrl.Length..] : link, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
