using LearningBot.Tests.Support;

namespace LearningBot.Tests.OneStopShop;

/// <summary><c>edit article &lt;id&gt;</c> and <c>new article</c> as routes guarded by the support-team role.</summary>
public sealed class ArticleEditorCommandTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson Editor = new("29:1-ld-editor", "3b9e0a41-0000-4000-8000-00000000ed17", "Sam Okafor");
    private BotTestHost _bot = null!;

    public async Task InitializeAsync() =>
        _bot = await BotTestHost.StartAsync(azurite, new Dictionary<string, string?> { ["Roles:SupportTeam:0"] = Editor.TeamsId });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Edit_article_on_its_own_asks_which_article()
    {
        var reply = await SendAsync("edit article", Editor);

        Assert.Null(reply.Activity.Attachments);
        Assert.Contains("Which article?", reply.Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_article_finds_the_article_whatever_the_case_and_spacing()
    {
        var reply = await SendAsync("  Edit   Article   Job-Shadowing ", Editor);

        var card = Assert.Single(reply.Activity.Attachments ?? []).Content!.ToJsonString();
        Assert.Contains("job-shadowing", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("edit article no-such-article", "**no-such-article**")]
    [InlineData("edit article ../../secrets <b>", "**that you typed**")]
    public async Task Edit_article_with_an_unknown_id_says_so_without_echoing_what_is_not_an_id(string text, string named)
    {
        var reply = await SendAsync(text, Editor);

        Assert.Null(reply.Activity.Attachments);
        Assert.Contains(named, reply.Activity.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("new article")]
    [InlineData("edit article job-shadowing")]
    public async Task Anyone_outside_the_support_team_is_refused_and_sees_no_editor(string text)
    {
        var reply = await SendAsync(text, TestPerson.Alex);

        Assert.Null(reply.Activity.Attachments);
        Assert.Contains("only the L&D Support Team can add or edit articles", reply.Activity.Text, StringComparison.Ordinal);
    }

    private async Task<SentActivity> SendAsync(string text, TestPerson person)
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(_bot.Connector.ServiceUrl, text).From(person));
        return Assert.Single(_bot.Connector.Sent);
    }
}
