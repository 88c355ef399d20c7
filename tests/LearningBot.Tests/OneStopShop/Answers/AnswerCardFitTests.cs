using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>Answer cards fit Teams: under 28 KB as sent, long articles read a page at a time, a 413 gets the short form.</summary>
public sealed class AnswerCardFitTests : IClassFixture<BotHostFixture>
{
    private const string LongArticleId = "long-handbook";

    /// <summary>A size limit the mentoring answer's full card is over (about 7 KB) and its short form under (about 4.3 KB).</summary>
    private const int LimitBetweenFullAndShortForm = 5_000;

    private readonly BotTestHost _bot;

    /// <summary>The class's bot, with a generated article of about 40 KB of Markdown beside the real ones (as shipped in the repository, not stored).</summary>
    public AnswerCardFitTests(BotHostFixture host)
    {
        _bot = host.ForTest();
        var engine = _bot.Services.GetRequiredService<AnswerEngine>();
        if (engine.Knowledge.Find(LongArticleId) is null)
        {
            var mentoring = engine.Knowledge.Find("mentoring") ?? throw new InvalidOperationException("The mentoring article is missing.");
            engine.Upsert(mentoring with { Id = LongArticleId, Title = "The long induction handbook", Related = [], Asked = [], Body = LongBody() });
        }
    }

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    public static TheoryData<string> RealArticles() =>
        [.. Directory.GetFiles(Path.Combine(RepoPaths.Root, "knowledge", "articles"), "*.md").Select(Path.GetFileNameWithoutExtension).OfType<string>()];

    [Theory]
    [MemberData(nameof(RealArticles))]
    public async Task Every_real_articles_answer_card_is_under_28_KB_as_sent(string articleId)
    {
        await SubmitAsync(AskVerbs.Article, new JsonObject { ["id"] = articleId, ["question"] = "a question that is as long as a real one, or a little longer than most" });

        var sent = Assert.Single(_bot.Connector.Requests, r => r.Method == "POST");
        Assert.InRange(Encoding.UTF8.GetByteCount(sent.Body), 1, CardFit.MaxMessageBytes - 1);
        Assert.NotNull(CardJson.FirstOfType(CardJson.Of(Assert.Single(_bot.Connector.Sent)), "Action.ShowCard"));
    }

    [Fact]
    public async Task A_40_KB_article_is_answered_under_28_KB_with_its_first_page_and_a_next_page_button()
    {
        Assert.True(Encoding.UTF8.GetByteCount(LongBody()) >= 40_000);

        await SubmitAsync(AskVerbs.Article, new JsonObject { ["id"] = LongArticleId, ["question"] = "what is in the induction handbook" });

        var sent = Assert.Single(_bot.Connector.Requests, r => r.Method == "POST");
        Assert.InRange(Encoding.UTF8.GetByteCount(sent.Body), 1, CardFit.MaxMessageBytes - 1);
        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var readMore = CardJson.FirstOfType(card, "Action.ShowCard");
        Assert.Equal("Read more", readMore["title"]!.GetValue<string>());
        Assert.Contains("Section 1", CardJson.Texts(readMore), StringComparison.Ordinal);
        Assert.Matches(@"Page 1 of \d+\.", CardJson.Texts(readMore));
        var next = CardJson.ActionByVerb(readMore, AskVerbs.Page);
        Assert.Equal("Next page", next["title"]!.GetValue<string>());
        Assert.Equal(2, next["data"]!["page"]!.GetValue<int>());
        Assert.Equal(2, next["fallback"]!["data"]!["page"]!.GetValue<int>());
    }

    [Fact]
    public async Task Read_more_walks_every_page_of_a_long_article_and_back_to_the_answer()
    {
        await SubmitAsync(AskVerbs.Article, new JsonObject { ["id"] = LongArticleId, ["question"] = "what is in the induction handbook" });
        var answer = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var questionId = CardJson.Actions(answer, AskVerbs.Rate)[0]["data"]!["questionId"]!.GetValue<string>();
        var next = CardJson.ActionByVerb(CardJson.FirstOfType(answer, "Action.ShowCard"), AskVerbs.Page);

        var shown = new StringBuilder(CardJson.Texts(CardJson.FirstOfType(answer, "Action.ShowCard")));
        var pages = new List<JsonObject>();
        while (true)
        {
            var page = await ExecuteAsync(AskVerbs.Page, next["data"]!.AsObject());
            pages.Add(page);
            shown.Append('\n').Append(CardJson.Texts(page));
            Assert.InRange(Encoding.UTF8.GetByteCount(page.ToJsonString()), 1, CardFit.MaxMessageBytes - 1);
            if (CardJson.ActionByTitle(page, "Next page") is not { } later)
            {
                break;
            }

            next = later;
        }

        var total = pages.Count + 1;
        Assert.InRange(total, 3, 10);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 2} of {total}", CardJson.Texts(pages[i]), StringComparison.Ordinal);
        }

        Assert.Contains("End of the article.", CardJson.Texts(pages[^1]), StringComparison.Ordinal);
        var allText = shown.ToString();
        for (var section = 1; section <= SectionCount; section++)
        {
            Assert.Contains($"Section {section} of the handbook", allText, StringComparison.Ordinal);
        }

        // Back a page at a time, to page 1, then back to the answer as it was.
        var current = pages[^1];
        for (var page = total - 1; page >= 1; page--)
        {
            var previous = CardJson.ActionByTitle(current, "Previous page")!;
            current = await ExecuteAsync(AskVerbs.Page, previous["data"]!.AsObject());
            Assert.Contains($"Page {page} of {total}", CardJson.Texts(current), StringComparison.Ordinal);
        }

        Assert.Null(CardJson.ActionByTitle(current, "Previous page"));
        Assert.Contains("Section 1 of the handbook", CardJson.Texts(current), StringComparison.Ordinal);
        var back = CardJson.ActionByVerb(current, AskVerbs.BackToAnswer);
        Assert.Equal(questionId, back["fallback"]!["data"]!["questionId"]!.GetValue<string>());
        var again = await ExecuteAsync(AskVerbs.BackToAnswer, back["data"]!.AsObject());
        Assert.Contains("The long induction handbook", CardJson.Texts(again), StringComparison.Ordinal);
        Assert.Equal(2, CardJson.Actions(again, AskVerbs.Rate).Count);
    }

    [Fact]
    public async Task A_page_of_an_article_that_is_gone_says_so_instead_of_failing()
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, AskVerbs.Page, new JsonObject { ["id"] = "no-such-article", ["page"] = 2 }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no longer in the knowledge base", CardJson.MessageFromInvoke(await BotTestHost.ReadJsonAsync(response)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_413_from_the_connector_gets_the_short_form_and_the_turn_succeeds()
    {
        _bot.Connector.MaxActivityBytes = LimitBetweenFullAndShortForm;

        var response = await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "how do i get a mentor"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = _bot.Connector.Requests.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);
        Assert.True(Encoding.UTF8.GetByteCount(posts[0].Body) > LimitBetweenFullAndShortForm);
        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        AssertShortForm(card, "Finding or becoming a mentor");
        Assert.Equal(2, CardJson.Actions(card, AskVerbs.Rate).Count);
    }

    [Fact]
    public async Task A_413_when_replacing_a_card_replaces_it_with_the_short_form()
    {
        await SubmitAsync(AskVerbs.Article, new JsonObject { ["id"] = "mentoring", ["question"] = "how do i get a mentor" });
        var answer = Assert.Single(_bot.Connector.Sent);
        var rating = CardJson.Actions(CardJson.Of(answer), AskVerbs.Rate)[0]["fallback"]!["data"]!.AsObject();
        _bot.Connector.MaxActivityBytes = LimitBetweenFullAndShortForm;

        var response = await _bot.PostActivityAsync(Submit(rating, answer.ActivityId, answer.ConversationId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var puts = _bot.Connector.Requests.Where(r => r.Method == "PUT").ToList();
        Assert.Equal(2, puts.Count);
        var card = CardJson.Of(Assert.Single(_bot.Connector.Current(answer.ConversationId)));
        AssertShortForm(card, "Finding or becoming a mentor");
        Assert.Contains("Thanks for your feedback.", CardJson.Texts(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_short_forms_read_more_opens_the_article_at_page_1()
    {
        _bot.Connector.MaxActivityBytes = LimitBetweenFullAndShortForm;
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "how do i get a mentor"));
        var readMore = CardJson.ActionByVerb(CardJson.Of(Assert.Single(_bot.Connector.Sent)), AskVerbs.Page);

        var page = await ExecuteAsync(AskVerbs.Page, readMore["data"]!.AsObject());

        var text = CardJson.Texts(page);
        Assert.Matches(@"Page 1 of \d+", text);
        Assert.Contains("Finding or becoming a mentor", text, StringComparison.Ordinal);
        Assert.NotNull(CardJson.ActionByTitle(page, "Back to the answer"));
    }

    /// <summary>The summary and a "Read more" that opens the article in pages; no article text on the card.</summary>
    private static void AssertShortForm(JsonObject card, string title)
    {
        Assert.Contains(title, CardJson.Texts(card), StringComparison.Ordinal);
        Assert.DoesNotContain(CardJson.Descendants(card), n => CardJson.Type(n) == "Action.ShowCard");
        var readMore = CardJson.ActionByVerb(card, AskVerbs.Page);
        Assert.Equal("Read more", readMore["title"]!.GetValue<string>());
        Assert.Equal(1, readMore["data"]!["page"]!.GetValue<int>());
        Assert.Equal(AskVerbs.Page, readMore["fallback"]!["data"]!["verb"]!.GetValue<string>());
    }

    private const int SectionCount = 40;

    /// <summary>About 40 KB of Markdown: headings, paragraphs, lists, one paragraph longer than a page, and characters JSON escapes.</summary>
    private static string LongBody()
    {
        var body = new StringBuilder();
        for (var section = 1; section <= SectionCount; section++)
        {
            body.Append("## Section ").Append(section).Append(" of the handbook\n\n");
            body.Append("Staff & volunteers’ first weeks: ").Append(string.Join(' ', Enumerable.Repeat("learning at work with support from colleagues and managers.", 10))).Append("\n\n");
            body.Append("- Meet your manager\n- Read the policies\n- Book your training\n\n");
        }

        body.Append("## A very long paragraph\n\n").Append(string.Join(' ', Enumerable.Range(1, 400).Select(i => $"Sentence {i} about induction."))).Append('\n');
        return body.ToString();
    }

    private async Task SubmitAsync(string verb, JsonObject data)
    {
        data["verb"] = verb;
        var response = await _bot.PostActivityAsync(TeamsActivities.Base("message", ServiceUrl, null).Merge("value", data));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private JsonObject Submit(JsonObject data, string cardActivityId, string conversationId)
    {
        var activity = TeamsActivities.Base("message", ServiceUrl, conversationId);
        activity["replyToId"] = cardActivityId;
        activity["value"] = data.DeepClone();
        return activity;
    }

    private async Task<JsonObject> ExecuteAsync(string verb, JsonObject data)
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data.DeepClone().AsObject()));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }
}

internal static class ActivityJson
{
    public static JsonObject Merge(this JsonObject activity, string name, JsonNode value)
    {
        activity[name] = value;
        return activity;
    }
}
