using System.Text.Json.Nodes;
using LearningBot.Digest;
using LearningBot.Digest.Print;
using LearningBot.Tests.Support;
using static LearningBot.Tests.Digest.Print.PrintHarness;

namespace LearningBot.Tests.Digest.Print;

/// <summary>The printable edition: public and stable once sent, never public before; editors preview a draft through a signed link.</summary>
public sealed class DigestPrintPageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_draft_is_not_found_and_the_same_edition_once_sent_is_a_public_cacheable_page()
    {
        await using var hub = await StartAsync(azurite);
        var number = await hub.DraftAsync(PrintSample.Items);

        var draft = await hub.GetAsync(DigestPrintLinks.PathOf(number));
        Assert.Equal(404, draft.Status);
        Assert.Contains("Edition not found", draft.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Care home teams", draft.Body, StringComparison.Ordinal);
        foreach (var status in new[] { DigestStatus.AwaitingApproval, DigestStatus.Approved, DigestStatus.Scheduled })
        {
            await hub.SetStatusAsync(number, status);
            Assert.Equal(404, (await hub.GetAsync(DigestPrintLinks.PathOf(number))).Status);
        }

        Assert.Equal(404, (await hub.GetAsync(DigestPrintLinks.PathOf(99))).Status);
        Assert.Equal(404, (await hub.GetAsync("/digest/editions/seven/print")).Status);

        await hub.SetStatusAsync(number, DigestStatus.Sent);
        var sent = await hub.GetAsync(DigestPrintLinks.PathOf(number));

        Assert.Equal(200, sent.Status);
        Assert.Contains($"<h1>Learning digest: Edition {number}</h1>", sent.Body, StringComparison.Ordinal);
        Assert.Contains("public", sent.Response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(sent.Response.Headers.CacheControl.MaxAge >= TimeSpan.FromDays(1));
        Assert.DoesNotContain("noindex", sent.Body, StringComparison.Ordinal);
        var again = new HttpRequestMessage(HttpMethod.Get, DigestPrintLinks.PathOf(number));
        again.Headers.TryAddWithoutValidation("If-None-Match", sent.Response.Headers.ETag!.ToString());
        Assert.Equal(System.Net.HttpStatusCode.NotModified, (await hub.Bot.Client.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task The_page_writes_every_link_out_in_words_and_gives_the_one_stop_shops_phone_and_post_and_responsibilities()
    {
        await using var hub = await StartAsync(azurite);
        var number = await hub.DraftAsync(PrintSample.Items);
        await hub.SetStatusAsync(number, DigestStatus.Sent);

        var page = (await hub.GetAsync(DigestPrintLinks.PathOf(number))).Body;

        Assert.Contains("Find out more: <a href=\"https://learning.example.org/sets\">learning.example.org/sets</a>", page, StringComparison.Ordinal);
        Assert.Equal(PrintSample.Items.Count(item => item.Shown().Link.Length > 0), CountOf(page, "Find out more: <a href="));
        Assert.Contains("<dt>Phone</dt><dd>01632 960141 (office hours)</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<dt>Post</dt><dd>The One-Stop Shop, Learning and Development Support Team</dd>", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"responsibilities\">Your responsibilities for learning</h2>", page, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4;", page, StringComparison.Ordinal);
        Assert.Contains("body { font-size: 12pt; }", page, StringComparison.Ordinal);
        Assert.Contains("This edition online: learning.example.org/digest/editions/" + number + "/print.", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("<h2>From the community</h2>", StringComparison.Ordinal) < page.IndexOf("<h3>Care home teams", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_large_print_variant_sets_16_point_text()
    {
        await using var hub = await StartAsync(azurite);
        var number = await hub.DraftAsync(PrintSample.Items);
        await hub.SetStatusAsync(number, DigestStatus.Sent);

        var large = await hub.GetAsync(DigestPrintLinks.PathOf(number, large: true));
        var standard = await hub.GetAsync(DigestPrintLinks.PathOf(number));

        Assert.Equal(200, large.Status);
        Assert.Contains("(large print)</title>", large.Body, StringComparison.Ordinal);
        Assert.Contains("body { font-size: 16pt;", large.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("body { font-size: 12pt; }", large.Body, StringComparison.Ordinal);
        Assert.NotEqual(standard.Response.Headers.ETag, large.Response.Headers.ETag);
    }

    [Fact]
    public async Task An_editor_previews_a_draft_through_a_signed_link_that_is_refused_when_forged_or_expired()
    {
        await using var hub = await StartAsync(azurite);
        var number = await hub.DraftAsync(PrintSample.Items);
        var card = await TypeAsync(hub, DigestHarness.Editor, "start digest");
        var preview = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(await hub.Bot.PostActivityAsync(TeamsActivities.ExecuteAction(
            hub.Bot.Connector.ServiceUrl, DigestVerbs.Preview, CardJson.Actions(card, DigestVerbs.Preview).Single()["data"]!.AsObject().DeepClone().AsObject(),
            DigestHarness.Editor.ChatId).From(DigestHarness.Editor))));
        var link = Links.OpenUrl(preview, "Print preview")!["url"]!.GetValue<string>();
        Assert.StartsWith($"{BaseUrl}/digest/editions/{number}/print?exp=", link, StringComparison.Ordinal);
        var pathAndQuery = link[BaseUrl.Length..];

        var shown = await hub.GetAsync(pathAndQuery);
        Assert.Equal(200, shown.Status);
        Assert.Contains("Print preview: not sent yet.", shown.Body, StringComparison.Ordinal);
        Assert.Contains("no-store", shown.Response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("noindex", shown.Body, StringComparison.Ordinal);

        Assert.Equal(403, (await hub.GetAsync(pathAndQuery[..^2] + "xx")).Status);
        Assert.Equal(403, (await hub.GetAsync(pathAndQuery.Replace($"/editions/{number}/", $"/editions/{number + 1}/", StringComparison.Ordinal))).Status);
        Assert.Equal(403, (await hub.GetAsync($"{DigestPrintLinks.PathOf(number)}?exp=99999999999&sig=")).Status);

        hub.Clock.Advance(DigestPrintLinks.PreviewLifetime + TimeSpan.FromMinutes(1));
        var expired = await hub.GetAsync(pathAndQuery);
        Assert.Equal(410, expired.Status);
        Assert.DoesNotContain("Care home teams", expired.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_readers_card_opens_the_print_page_and_its_large_print()
    {
        await using var hub = await StartAsync(azurite);
        var number = await hub.DraftAsync(PrintSample.Items);
        await hub.SetStatusAsync(number, DigestStatus.Sent);

        var card = await TypeAsync(hub, DigestHarness.Colleague(), "digest");

        var print = Links.OpenUrl(card, "Print this edition")!;
        Assert.Equal("Action.OpenUrl", print["type"]!.GetValue<string>());
        Assert.Equal($"{BaseUrl}/digest/editions/{number}/print", print["url"]!.GetValue<string>());
        Assert.Equal($"{BaseUrl}/digest/editions/{number}/print?size=large", Links.OpenUrl(card, "Large print")!["url"]!.GetValue<string>());
    }

    internal static async Task<JsonObject> TypeAsync(PrintHarness hub, TestPerson person, string text)
    {
        var before = hub.Bot.Connector.Sent.Count;
        await hub.Bot.PostActivityAsync(TeamsActivities.Message(hub.Bot.Connector.ServiceUrl, text, person.ChatId).From(person));
        return CardJson.Of(hub.Bot.Connector.Sent.Skip(before).Last(s => s.ConversationId == person.ChatId).Activity);
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
