using System.Net;
using System.Text.Json.Nodes;
using LearningBot.BotHost;
using LearningBot.FiveMinuteReview;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview;

public sealed class PrintPageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private async Task<string> PrintPathAsync()
    {
        var summary = await _h.SummaryCardAsync(_h.VolunteerId, "Residents <b>love</b> the Tuesday visits & chats.", "Try the memory café", "2027-01-20");
        var saved = CardJson.Readable(await _h.NextAsync(summary, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" }));
        var start = saved.IndexOf("https://learningbot.example.org", StringComparison.Ordinal);
        var url = saved[start..saved.IndexOf('"', start)];
        return new Uri(url).PathAndQuery;
    }

    [Fact]
    public async Task A_signed_link_serves_a_clean_printable_page_with_everything_encoded()
    {
        var response = await _h.Bot.Client.GetAsync(await PrintPathAsync());
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("@page { size: A4;", html, StringComparison.Ordinal);
        Assert.Contains("Margaret O&#39;Neill", html, StringComparison.Ordinal);
        Assert.Contains("Residents &lt;b&gt;love&lt;/b&gt; the Tuesday visits &amp; chats.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>love</b>", html, StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_link_is_refused_and_an_old_one_has_expired()
    {
        var path = await PrintPathAsync();

        var tampered = await _h.Bot.Client.GetAsync(path.Replace("sig=", "sig=x", StringComparison.Ordinal));
        var longer = await _h.Bot.Client.GetAsync(path.Replace("exp=", "exp=9", StringComparison.Ordinal));
        _h.Clock.Now = _h.Clock.Now.AddDays(8);
        var expired = await _h.Bot.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, longer.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_link_that_does_not_verify_says_it_is_not_valid_and_not_that_it_was_changed()
    {
        var path = await PrintPathAsync();

        var response = await _h.Bot.Client.GetAsync(path.Replace("sig=", "sig=x", StringComparison.Ordinal));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not valid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("changed", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Links_from_another_key_do_not_verify()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        PrintLinks Links(byte fill) => new(
            new PublicLinks(Microsoft.Extensions.Options.Options.Create(new PublicLinksOptions { SigningKey = Convert.ToBase64String(Enumerable.Repeat(fill, 32).ToArray()) }),
                clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<PublicLinks>.Instance),
            Microsoft.Extensions.Options.Options.Create(new ReviewOptions()));
        var (path, _) = Links(1).Create("abc");
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("https://x" + path).Query);

        Assert.Equal(SignedLinkCheck.Valid, Links(1).Check("abc", query["exp"], query["sig"]));
        Assert.Equal(SignedLinkCheck.Invalid, Links(2).Check("abc", query["exp"], query["sig"]));
        Assert.Equal(SignedLinkCheck.Invalid, Links(1).Check("abd", query["exp"], query["sig"]));
    }
}
