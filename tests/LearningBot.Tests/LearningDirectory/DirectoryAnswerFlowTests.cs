using System.Diagnostics;
using LearningBot.LearningDirectory;
using LearningBot.OneStopShop.Answers;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>Finding a course through the real bot: a question in, the directory card (or an article with its dates) out.</summary>
public sealed class DirectoryAnswerFlowTests(DirectoryAnswerFlowTests.Host host, ITestOutputHelper output) : IClassFixture<DirectoryAnswerFlowTests.Host>
{
    private readonly BotTestHost _bot = host.ForTest();

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    /// <summary>The class's bot with the test offers as its learning directory.</summary>
    public sealed class Host : BotHostFixture
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<ICourseCatalogue>(TestCatalogue.Load(CourseFinderTests.Folder, DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Any_courses_on_dementia_gets_the_directory_card_with_dates_and_a_book_link()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "any courses on dementia?"));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var text = CardJson.Texts(card);
        Assert.Contains("Dementia awareness (tier 1)", text, StringComparison.Ordinal);
        Assert.Contains("Next dates", text, StringComparison.Ordinal);
        Assert.Contains("Free to our community", text, StringComparison.Ordinal);
        Assert.Contains("Sample offer", text, StringComparison.Ordinal);
        var book = CardJson.Descendants(card).Single(n => CardJson.Type(n) == "Action.OpenUrl");
        Assert.Equal("Book by email", book["title"]!.GetValue<string>());
        Assert.Equal("mailto:learning@harbourlane.example", book["url"]!.GetValue<string>());
        Assert.Single(CardJson.Actions(card, AskVerbs.Escalate));
    }

    [Theory]
    [InlineData("how do i get on a moving and handling course", "Moving and handling of people")]
    [InlineData("i need to renew my basic life support, where do i book", "Basic life support (BLS) annual refresher")]
    [InlineData("wheres the e-learning for safeguarding adults", "Safeguarding adults level 1 (e-learning)")]
    [InlineData("anything on end of life care next month", "End of life care essentials")]
    public async Task A_new_user_asking_for_a_course_in_their_own_words_gets_the_course_and_how_to_book_it(string question, string title)
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, question));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.Contains(title, CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Contains("Book with ", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Contains(CardJson.Descendants(card), n => CardJson.Type(n) == "Action.OpenUrl");
    }

    [Fact]
    public async Task A_directory_answer_is_logged_with_its_offers()
    {
        var asker = TestPerson.Unique("dir-log", "Sam Logged");

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "BLS refresher").From(asker));

        Assert.Contains("Basic life support (BLS) annual refresher", CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Sent))), StringComparison.Ordinal);
        var log = _bot.Services.GetRequiredService<QuestionLog>();
        var records = new List<QuestionRecord>();
        await foreach (var record in log.ListAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None))
        {
            records.Add(record);
        }

        var logged = Assert.Single(records, r => r.AskerKey == asker.AadObjectId);
        Assert.Equal(QuestionLog.DirectoryKind, logged.Kind);
        Assert.Equal("bls-refresher", logged.OfferIds);
        Assert.Equal("BLS refresher", logged.Question);
    }

    [Fact]
    public async Task An_offer_restricted_to_some_kinds_of_organisation_is_shown_only_to_their_staff()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "first aid course").From(TestPerson.Priya));
        var voluntary = CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        _bot.Connector.Reset();

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "conflict resolution course").From(TestPerson.Priya));
        var restrictedElsewhere = CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Sent)));

        Assert.Contains("Emergency first aid at work", voluntary, StringComparison.Ordinal);
        Assert.DoesNotContain("Conflict resolution and de-escalation", restrictedElsewhere, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_asker_whose_organisation_is_unknown_is_told_only_courses_open_to_all_are_shown()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "first aid course"));

        var text = CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.DoesNotContain("Emergency first aid at work", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_whose_topic_has_offers_shows_upcoming_sessions_under_it()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "how do i get a mentor"));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var text = CardJson.Texts(card);
        Assert.Contains("Finding or becoming a mentor", text, StringComparison.Ordinal);
        Assert.Contains("Upcoming sessions", text, StringComparison.Ordinal);
        Assert.Contains("Mentoring skills: a one-day introduction", text, StringComparison.Ordinal);
        var book = CardJson.Descendants(card).Single(n => CardJson.Type(n) == "Action.OpenUrl");
        Assert.Equal("https://learning.community.example/book/mentoring-skills", book["url"]!.GetValue<string>());
        Assert.Equal(2, CardJson.Actions(card, "ask.rate").Count);
    }

    [Fact]
    public async Task A_course_question_the_directory_cannot_match_is_answered_by_the_knowledge_base_as_before()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "how do i get funding for a course"));

        var text = CardJson.Texts(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.DoesNotContain("Courses you can book", text, StringComparison.Ordinal);
        Assert.DoesNotContain("A course you can book", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fullest_directory_card_has_three_offers_and_stays_under_28_KB()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "safeguarding course").From(TestPerson.Priya));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.Equal(3, CardJson.Descendants(card).Count(n => CardJson.Type(n) == "Action.OpenUrl"));
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()), 1, 28 * 1024);
    }

    /// <summary>Reports how long a directory answer takes through the whole bot (no limit asserted: the machine is shared).</summary>
    [Fact]
    public async Task Directory_answers_through_the_bot_are_timed_for_the_report()
    {
        string[] questions = ["any courses on dementia?", "BLS refresher", "wheres the e-learning for safeguarding adults", "anything on end of life care next month", "moving and handling course near wisbech"];
        var timings = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            _bot.Connector.Reset();
            var started = Stopwatch.GetTimestamp();
            var response = await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, questions[i % questions.Length]));
            timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            response.EnsureSuccessStatusCode();
            Assert.Single(_bot.Connector.Sent);
        }

        var measured = timings.Skip(10).Order().ToList();
        output.WriteLine($"directory answer through the bot, {measured.Count} turns: p50 {measured[measured.Count / 2]:F1} ms, p99 {measured[(int)(measured.Count * 0.99) - 1]:F1} ms, max {measured[^1]:F1} ms");
    }
}
