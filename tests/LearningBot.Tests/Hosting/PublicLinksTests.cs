using System.Collections.Concurrent;
using LearningBot.BotHost;
using LearningBot.Delivery.Progress;
using LearningBot.FeedbackSignals.LearningNeeds;
using LearningBot.FiveMinuteReview;
using LearningBot.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LearningBot.Tests.Hosting;

/// <summary>One public address and one link key for every kind of signed link, read from <c>PublicLinks</c> or the older review settings.</summary>
public sealed class PublicLinksTests
{
    private static readonly string KeyA = Convert.ToBase64String(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly string KeyB = Convert.ToBase64String(Enumerable.Repeat((byte)2, 32).ToArray());

    [Fact]
    public void Without_a_configured_address_each_request_gives_its_own_address()
    {
        using var provider = Provider(new() { ["PublicLinks:SigningKey"] = KeyA });
        var links = provider.GetRequiredService<PublicLinks>();

        Assert.Null(links.BaseUrl);
        Assert.Equal("https://bot.example.org", links.BaseUrlOr(Request("https", "bot.example.org", "")));
        Assert.Equal("https://bot.example.org", links.BaseUrlOr(Request("https", "bot.example.org", "")));
        Assert.Equal("http://bot.example.org:8080/learning", links.BaseUrlOr(Request("http", "bot.example.org:8080", "/learning")));
        Assert.Equal("https://other.example.org", links.BaseUrlOr(Request("https", "other.example.org", "")));
        Assert.Equal("https://bot.example.org", links.BaseUrlOr(Request("https", "bot.example.org", "")));

        static DefaultHttpContext Request(string scheme, string host, string pathBase)
        {
            var http = new DefaultHttpContext();
            http.Request.Scheme = scheme;
            http.Request.Host = new HostString(host);
            http.Request.PathBase = new PathString(pathBase.Length == 0 ? null : pathBase);
            return http;
        }
    }

    [Fact]
    public void The_older_review_settings_are_read_when_the_new_ones_are_unset()
    {
        using var older = Provider(new() { ["FiveMinuteReview:LinkSigningKey"] = KeyA, ["FiveMinuteReview:PublicBaseUrl"] = "https://old.example.org/" });
        using var newer = Provider(new() { ["PublicLinks:SigningKey"] = KeyA, ["PublicLinks:BaseUrl"] = "https://old.example.org" });

        var links = older.GetRequiredService<PublicLinks>();

        Assert.Equal("https://old.example.org", links.BaseUrl);
        Assert.Equal(newer.GetRequiredService<PublicLinks>().Signer("p").Query("id", 1), links.Signer("p").Query("id", 1));
    }

    [Fact]
    public void The_new_settings_win_over_the_older_ones()
    {
        using var both = Provider(new()
        {
            ["PublicLinks:SigningKey"] = KeyB, ["PublicLinks:BaseUrl"] = "https://new.example.org",
            ["FiveMinuteReview:LinkSigningKey"] = KeyA, ["FiveMinuteReview:PublicBaseUrl"] = "https://old.example.org",
        });
        using var onlyNew = Provider(new() { ["PublicLinks:SigningKey"] = KeyB });

        var links = both.GetRequiredService<PublicLinks>();

        Assert.Equal("https://new.example.org", links.BaseUrl);
        Assert.Equal(onlyNew.GetRequiredService<PublicLinks>().Signer("p").Query("id", 1), links.Signer("p").Query("id", 1));
    }

    [Fact]
    public void A_bad_older_key_is_named_by_the_setting_it_came_from()
    {
        using var provider = Provider(new() { ["FiveMinuteReview:LinkSigningKey"] = "dG9vIHNob3J0" });

        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<PublicLinks>());

        Assert.Contains("FiveMinuteReview:LinkSigningKey must be base64", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_key_every_kind_of_link_shares_one_key_made_at_start_up_and_it_is_reported_once()
    {
        var warnings = new ConcurrentQueue<string>();
        using var provider = Provider([], warnings);
        var report = provider.GetRequiredService<ReportLinks>();
        var analysis = provider.GetRequiredService<LnaPrintLinks>();
        var review = provider.GetRequiredService<PrintLinks>();
        var signer = provider.GetRequiredService<PublicLinks>();

        var reportQuery = System.Web.HttpUtility.ParseQueryString(new Uri("https://x" + report.PathAndQuery("d1", long.MaxValue / 2)).Query);
        var analysisQuery = System.Web.HttpUtility.ParseQueryString(new Uri("https://x" + analysis.PathAndQuery("a1", long.MaxValue / 2)).Query);
        var (reviewPath, _) = review.Create("r1");
        var reviewQuery = System.Web.HttpUtility.ParseQueryString(new Uri("https://x" + reviewPath).Query);

        Assert.Equal(SignedLinkCheck.Valid, signer.Signer("delivery-report").Check("d1", reportQuery["exp"], reportQuery["sig"]));
        Assert.Equal(SignedLinkCheck.Valid, signer.Signer("learning-needs-analysis").Check("a1", analysisQuery["exp"], analysisQuery["sig"]));
        Assert.Equal(SignedLinkCheck.Valid, signer.Signer(null).Check("r1", reviewQuery["exp"], reviewQuery["sig"]));
        Assert.Single(warnings, w => w.Contains("PublicLinks:SigningKey is not set", StringComparison.Ordinal));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings, ConcurrentQueue<string>? warnings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        services.AddLogging(logging => logging.AddProvider(new LogCollector(warnings ?? new(), LogLevel.Warning)));
        services.AddOptions<ReviewOptions>();
        services.AddOptions<DeliveryProgressOptions>();
        services.AddPublicLinks();
        services.AddSingleton<PrintLinks>();
        services.AddSingleton<ReportLinks>();
        services.AddSingleton<LnaPrintLinks>();
        return services.BuildServiceProvider();
    }
}
