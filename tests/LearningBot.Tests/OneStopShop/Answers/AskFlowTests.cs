using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Cards;
using LearningBot.Tests.Support;
using LearningBot.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>The one-stop shop through the real pipeline: Teams-shaped activities in, cards out, questions in Azurite.</summary>
public sealed class AskFlowTests(AskFlowTests.Host host) : IClassFixture<AskFlowTests.Host>
{
    /// <summary>A support team member listed by Entra object id (with Alex's name, which saved articles show).</summary>
    private static readonly TestPerson SupportTeamMember = TestPerson.Alex with { AadObjectId = "5e1f7a20-0000-4000-8000-0000000005e1" };

    /// <summary>A support team member listed by Teams user id rather than Entra object id.</summary>
    private static readonly TestPerson SupportTeamByTeamsId = TestPerson.Alex with { TeamsId = "29:1-ld-support-by-teams-id" };

    private readonly BotTestHost _bot = host.ForTest();

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    /// <summary>The class's bot, with the two support team members configured.</summary>
    public sealed class Host : BotHostFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Roles:SupportTeam:0"] = SupportTeamMember.AadObjectId,
            ["Roles:SupportTeam:1"] = SupportTeamByTeamsId.TeamsId,
        };
    }

    [Fact]
    public async Task A_typed_question_gets_an_answer_card_with_read_more_owner_related_and_rating()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "how do i get a mentor"));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var text = CardJson.Readable(card);
        Assert.Contains("Finding or becoming a mentor", text, StringComparison.Ordinal);
        var readMore = CardJson.FirstOfType(card, "Action.ShowCard");
        Assert.Equal("Read more", readMore["title"]!.GetValue<string>());
        Assert.True(readMore["card"]!["body"]!.AsArray().Count > 3);
        Assert.Contains("Owner: L&D Support Team", text, StringComparison.Ordinal);
        Assert.NotEmpty(CardJson.Actions(card, "ask.article"));
        var rate = CardJson.Actions(card, "ask.rate");
        Assert.Equal(2, rate.Count);
        Assert.StartsWith(DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) + ".", rate[0]["data"]!["questionId"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_in_a_channel_mention_is_answered_in_the_channel()
    {
        var mention = TeamsActivities.ChannelMention(ServiceUrl, "what is the five minute review");

        await _bot.PostActivityAsync(mention);

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Equal(mention.ConversationId(), reply.ConversationId);
        Assert.Contains("The Five Minute Review", CardJson.Readable(CardJson.Of(reply)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unrelated_question_gets_an_honest_not_sure_with_suggestions_and_the_escalate_button()
    {
        const string question = "what time does the staff canteen close on Thursdays";

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, question));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.Contains("I'm not sure", CardJson.Readable(card), StringComparison.Ordinal);
        Assert.InRange(CardJson.Actions(card, "ask.article").Count, 0, 3);
        var escalate = Assert.Single(CardJson.Actions(card, AskVerbs.Escalate));
        Assert.Equal("Ask the L&D team", escalate["title"]!.GetValue<string>());
        Assert.Equal(question, escalate["data"]!["question"]!.GetValue<string>());
        Assert.Equal(question, escalate["fallback"]!["data"]!["question"]!.GetValue<string>());
        Assert.Empty(CardJson.Actions(card, "ask.rate"));
    }

    [Theory]
    [InlineData("what time does the staff canteen close on Thursdays", true)]
    [InlineData("is there any training on the canteen's new till", false)]
    public async Task A_not_sure_answer_says_where_else_to_ask_only_when_the_question_has_no_learning_word(string question, bool saysWhereElse)
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, question));

        var text = CardJson.Readable(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.Contains("I'm not sure", text, StringComparison.Ordinal);
        Assert.Equal(saysWhereElse, text.Contains("If this isn't about learning, your manager", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_question_shows_as_typed_so_markdown_in_it_never_renders_as_a_link()
    {
        const string question = "what time does the [staff canteen](https://evil.example) close on Thursdays";

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, question));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var youAsked = CardJson.Descendants(card).First(e => e["text"]?.GetValue<string>() is { } text && text.StartsWith("You asked:", StringComparison.Ordinal));
        Assert.Equal(@"You asked: what time does the \[staff canteen\]\(https://evil.example\) close on Thursdays", youAsked["text"]!.GetValue<string>());
        Assert.Equal(question, Assert.Single(CardJson.Actions(card, AskVerbs.Escalate))["data"]!["question"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_who_question_gets_a_person_card_from_the_directory()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "who is the L&D lead for the ambulance trust?"));

        var text = CardJson.Readable(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.Contains("Gareth Pryce", text, StringComparison.Ordinal);
        Assert.Contains("Education and Development Lead", text, StringComparison.Ordinal);
        Assert.Contains("City Ambulance Service NHS Trust", text, StringComparison.Ordinal);
        Assert.Contains("mailto:gareth.pryce@example.org", text, StringComparison.Ordinal);
        Assert.Contains("Can help with", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_L_and_D_lead_is_the_lead_for_the_askers_kind_of_organisation()
    {
        // Priya Shah works for a voluntary-sector trust in the seeded people directory.
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "who is my L&D lead?").From(TestPerson.Priya));

        Assert.Contains("Tomasz Nowicki", CardJson.Readable(CardJson.Of(Assert.Single(_bot.Connector.Sent))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_question_shows_how_to_join()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "who runs the mentoring network"));

        var text = CardJson.Readable(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.Contains("Samuel Adjei", text, StringComparison.Ordinal);
        Assert.Contains("How to join", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rating_twice_records_one_rating_and_thanks_both_times()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "pros and cons of e-learning"));
        var questionId = QuestionId(CardJson.Of(Assert.Single(_bot.Connector.Sent)));

        var presses = await Task.WhenAll(
            Rate(questionId, helpful: false),
            Rate(questionId, helpful: false),
            Rate(questionId, helpful: true));

        foreach (var card in presses)
        {
            Assert.Contains("Thanks for your feedback", CardJson.Readable(card), StringComparison.Ordinal);
            Assert.Empty(CardJson.Actions(card, "ask.rate"));
        }

        var record = await _bot.Services.GetRequiredService<QuestionLog>().FindAsync(questionId, CancellationToken.None);
        Assert.NotNull(record);
        Assert.NotNull(record.Helpful);
        // Only the rating's own properties are written; the question and its answer stay as logged.
        Assert.NotNull(record.RatedAt);
        Assert.False(string.IsNullOrEmpty(record.RatedBy));
        Assert.Equal("pros and cons of e-learning", record.Question);
        Assert.False(string.IsNullOrEmpty(record.ArticleId));
        var offered = presses.Select(card => CardJson.Actions(card, AskVerbs.Escalate).Count).Distinct();
        Assert.Equal(record.Helpful == false ? 1 : 0, Assert.Single(offered));
    }

    [Fact]
    public async Task Only_the_asker_rates_an_answer_and_someone_else_pressing_it_leaves_it_unrated()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "how do i get a mentor").From(TestPerson.Priya));
        var questionId = QuestionId(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        var rating = new JsonObject { ["questionId"] = questionId, ["helpful"] = false };

        var byAnother = await BotTestHost.ReadJsonAsync(await _bot.PostActivityAsync(
            TeamsActivities.ExecuteAction(ServiceUrl, AskVerbs.Rate, rating.DeepClone().AsObject()).From(TestPerson.Alex)));
        var unrated = await _bot.Services.GetRequiredService<QuestionLog>().FindAsync(questionId, CancellationToken.None);
        var byAsker = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(await _bot.PostActivityAsync(
            TeamsActivities.ExecuteAction(ServiceUrl, AskVerbs.Rate, rating.DeepClone().AsObject()).From(TestPerson.Priya))));

        Assert.Contains("only the person who asked", byAnother.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(unrated!.Helpful);
        Assert.Contains("Thanks for your feedback", CardJson.Readable(byAsker), StringComparison.Ordinal);
        var rated = await _bot.Services.GetRequiredService<QuestionLog>().FindAsync(questionId, CancellationToken.None);
        Assert.False(rated!.Helpful);
    }

    [Fact]
    public async Task A_rating_is_written_into_the_answer_message_so_every_device_shows_it()
    {
        var question = TeamsActivities.Message(ServiceUrl, "how do i get a mentor");
        await _bot.PostActivityAsync(question);
        var answer = Assert.Single(_bot.Connector.Sent);

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, AskVerbs.Rate,
            new JsonObject { ["questionId"] = QuestionId(CardJson.Of(answer)), ["helpful"] = true }, question.ConversationId(), answer.ActivityId));

        var rated = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
        var edit = Assert.Single(_bot.Connector.Edits);
        Assert.Equal((answer.ConversationId, answer.ActivityId), (edit.ConversationId, edit.ActivityId));
        Assert.True(JsonNode.DeepEquals(rated, CardJson.Of(edit.Activity)));
        Assert.Contains("Thanks for your feedback", CardJson.Readable(CardJson.Of(Assert.Single(_bot.Connector.Current(answer.ConversationId)))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_sent_from_the_ask_form_replaces_the_form_for_good_but_opening_the_form_or_an_article_does_not()
    {
        var command = TeamsActivities.Message(ServiceUrl, "help");
        await _bot.PostActivityAsync(command);
        var menu = Assert.Single(_bot.Connector.Sent);
        JsonObject Press(string verb, JsonObject data) => TeamsActivities.ExecuteAction(ServiceUrl, verb, data, command.ConversationId(), menu.ActivityId);

        await _bot.PostActivityAsync(Press(AskVerbs.Start, []));
        await _bot.PostActivityAsync(Press(AskVerbs.Article, new JsonObject { ["id"] = "newsletter", ["question"] = "paper copy of the bulletin" }));
        Assert.Empty(_bot.Connector.Edits);

        var answered = CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(
            await _bot.PostActivityAsync(Press(AskVerbs.Question, new JsonObject { ["question"] = "how do I arrange job shadowing" }))));
        var edit = Assert.Single(_bot.Connector.Edits);
        Assert.Equal(menu.ActivityId, edit.ActivityId);
        Assert.True(JsonNode.DeepEquals(answered, CardJson.Of(edit.Activity)));
    }

    [Fact]
    public async Task A_thumbs_down_offers_the_L_and_D_team_with_the_question()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "what is a training brokerage"));
        var questionId = QuestionId(CardJson.Of(Assert.Single(_bot.Connector.Sent)));

        var card = await Rate(questionId, helpful: false);

        var escalate = Assert.Single(CardJson.Actions(card, AskVerbs.Escalate));
        Assert.Equal("what is a training brokerage", escalate["data"]!["question"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_ask_button_shows_the_question_form_and_submitting_it_answers()
    {
        var form = await ExecuteAsync(AskVerbs.Start, new JsonObject());
        var input = CardJson.FirstOfType(form, "Input.Text");
        Assert.Equal("What would you like to know? (required)", input["label"]!.GetValue<string>());
        Assert.True(input["isRequired"]!.GetValue<bool>());
        Assert.Equal(500, input["maxLength"]!.GetValue<int>());

        var answer = await ExecuteAsync(AskVerbs.Question, new JsonObject { ["question"] = "how do I arrange job shadowing" });

        var text = CardJson.Readable(answer);
        Assert.Contains("You asked: how do I arrange job shadowing", text, StringComparison.Ordinal);
        Assert.Contains("Job shadowing", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_or_overlong_question_is_sent_back_with_the_problem_marked()
    {
        var empty = await ExecuteAsync(AskVerbs.Question, new JsonObject { ["question"] = "  " });
        var overlong = await ExecuteAsync(AskVerbs.Question, new JsonObject { ["question"] = new string('a', 501) });

        Assert.Contains("Please type your question", CardJson.Readable(empty), StringComparison.Ordinal);
        Assert.Contains("Please type your question", CardJson.Readable(overlong), StringComparison.Ordinal);
        Assert.True(CardJson.HasId(overlong, "question-problem"));
    }

    [Fact]
    public async Task A_suggested_article_opens_as_an_answer_card_that_can_be_rated()
    {
        var card = await ExecuteAsync(AskVerbs.Article, new JsonObject { ["id"] = "newsletter", ["question"] = "paper copy of the bulletin" });

        Assert.Contains("The learning newsletter and its printed edition", CardJson.Readable(card), StringComparison.Ordinal);
        Assert.Equal(2, CardJson.Actions(card, "ask.rate").Count);
    }

    [Fact]
    public async Task A_related_article_takes_the_answers_place_with_a_way_back_to_the_answer()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "how do i get a mentor"));
        var answer = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var related = CardJson.Actions(answer, "ask.article")[0];
        Assert.Equal(QuestionId(answer), related["fallback"]!["data"]!["fromQuestionId"]!.GetValue<string>());

        var opened = await ExecuteAsync(AskVerbs.Article, related["data"]!.DeepClone().AsObject());

        var back = Assert.Single(CardJson.Actions(opened, AskVerbs.BackToAnswer));
        Assert.Equal("Back to the answer", back["title"]!.GetValue<string>());
        Assert.Equal(QuestionId(answer), back["fallback"]!["data"]!["questionId"]!.GetValue<string>());
        var restored = await ExecuteAsync(AskVerbs.BackToAnswer, back["data"]!.DeepClone().AsObject());
        Assert.Contains("Finding or becoming a mentor", CardJson.Readable(restored), StringComparison.Ordinal);
        Assert.Equal(QuestionId(answer), QuestionId(restored));
        Assert.Empty(CardJson.Actions(restored, AskVerbs.BackToAnswer));
    }

    [Fact]
    public async Task Personal_details_in_a_question_are_never_stored()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "patient 943 476 5919 dob 01/02/1950 - how do I write a learning needs analysis"));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var questionId = QuestionId(card);
        var record = await _bot.Services.GetRequiredService<QuestionLog>().FindAsync(questionId, CancellationToken.None);
        Assert.NotNull(record);
        Assert.True(record.Scrubbed);
        Assert.DoesNotContain("5919", record.Question, StringComparison.Ordinal);
        Assert.DoesNotContain("1950", record.Question, StringComparison.Ordinal);
        Assert.DoesNotContain("5919", CardJson.Readable(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gaps_report_shows_the_support_team_repeated_unanswered_questions_and_poor_ratings()
    {
        var unanswered = "is the minibus to the awards " + Guid.NewGuid().ToString("N")[..6] + " running";
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, unanswered));
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, unanswered.ToUpperInvariant() + "?"));
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "tips for running a multi agency partnership group"));
        var questionId = QuestionId(CardJson.Of(_bot.Connector.Sent[^1]));
        await Rate(questionId, helpful: false);

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "gaps report 7 days").From(SupportTeamMember));

        var report = CardJson.Readable(CardJson.Of(_bot.Connector.Sent[^1]));
        Assert.Contains("Gaps in the knowledge base", report, StringComparison.Ordinal);
        Assert.Contains("the last 7 days", report, StringComparison.Ordinal);
        Assert.Contains($"{unanswered.ToUpperInvariant()}? (asked by fewer than 5 people, last on ", report, StringComparison.Ordinal);
        Assert.Contains("Keeping a partnership learning group on track", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gaps_report_for_a_month_past_the_retention_says_its_questions_were_removed_instead_of_showing_none_asked()
    {
        var month = DateTimeOffset.UtcNow.AddMonths(-20);
        await QuestionLogs.RecordAtAsync(_bot.Services.GetRequiredService<TableStorage>(), month, count: 6);
        var keptFrom = _bot.Services.GetRequiredService<IOptions<QuestionRetentionOptions>>().Value.KeptFrom(DateTimeOffset.UtcNow)
            .ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "gaps report " + month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).From(SupportTeamMember));

        var report = CardJson.Readable(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.Contains(
            $"Questions are kept for 13 months: those asked before {keptFrom} have been removed, so none from this period are left to count.",
            report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rating_an_answer_whose_question_was_removed_after_the_retention_period_says_so()
    {
        var services = _bot.Services;
        var questionId = Assert.Single(await QuestionLogs.RecordAtAsync(services.GetRequiredService<TableStorage>(), DateTimeOffset.UtcNow.AddMonths(-15)));
        await services.GetRequiredService<QuestionRetention>().RemoveExpiredAsync(CancellationToken.None);
        Assert.Null(await services.GetRequiredService<QuestionLog>().FindAsync(questionId, CancellationToken.None));

        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, AskVerbs.Rate,
            new JsonObject { ["questionId"] = questionId, ["helpful"] = true }));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            "Sorry, that answer is too old to rate. Questions are kept for 13 months and then removed, so there is nothing left to record your rating against.",
            CardJson.MessageFromInvoke(await BotTestHost.ReadJsonAsync(response)));
    }

    [Fact]
    public async Task A_support_team_member_listed_by_teams_id_gets_the_gaps_report_as_they_get_ticket_buttons()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "gaps report").From(SupportTeamByTeamsId));

        var report = CardJson.Readable(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.Contains("Gaps in the knowledge base", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gaps_report_is_refused_to_anyone_outside_the_support_team()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "gaps report"));

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Null(reply.Activity.Attachments);
        Assert.Contains("only for the L&D Support Team", reply.Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_article_saved_in_Teams_is_searchable_at_once_keeps_its_history_and_survives_a_restart()
    {
        var id = "hoist-training-" + Guid.NewGuid().ToString("N")[..6];
        var store = _bot.Services.GetRequiredService<KnowledgeArticleStore>();
        var article = KnowledgeFixtures.Article(id, "Ceiling hoist refresher sessions", "Book a ceiling hoist refresher with your moving and handling adviser.",
            tags: ["ceiling hoist", "hoist refresher"], body: "## Booking\nAsk your moving and handling adviser.", related: ["mandatory-statutory-training"]);

        await store.SaveAsync(article, "priya.shah", CancellationToken.None);
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "ceiling hoist"));
        await store.SaveAsync(article with { Summary = "Refreshers run monthly; book with your moving and handling adviser." }, "jamal.idris", CancellationToken.None);

        Assert.Contains("Ceiling hoist refresher sessions", CardJson.Readable(CardJson.Of(Assert.Single(_bot.Connector.Sent))), StringComparison.Ordinal);
        var history = await store.HistoryAsync(id, CancellationToken.None).ToListAsync();
        Assert.Equal([2, 1], history.Select(v => v.Version));
        Assert.Equal(["jamal.idris", "priya.shah"], history.Select(v => v.EditedBy));

        await using var restarted = await BotTestHost.StartAsync(host.Azurite);
        var engine = restarted.Services.GetRequiredService<AnswerEngine>();
        // Stored articles are loaded in the background once the bot has started (start-up never waits for storage).
        Assert.True(await Eventually.TrueAsync(() => engine.Knowledge.Find(id)?.Summary?.StartsWith("Refreshers run monthly", StringComparison.Ordinal) == true));
    }

    [Fact]
    public async Task Two_editors_saving_one_new_article_at_once_each_get_their_own_version()
    {
        var id = "moving-handling-" + Guid.NewGuid().ToString("N")[..6];
        var store = _bot.Services.GetRequiredService<KnowledgeArticleStore>();
        var article = KnowledgeFixtures.Article(id, "Moving and handling updates", "Annual moving and handling updates for care staff.");

        var saved = await Task.WhenAll(
            store.SaveAsync(article, "priya.shah", CancellationToken.None),
            store.SaveAsync(article with { Summary = "Annual updates, booked through your adviser." }, "jamal.idris", CancellationToken.None));

        Assert.Equal([1, 2], saved.Select(s => s.Version).Order());
        var history = await store.HistoryAsync(id, CancellationToken.None).ToListAsync();
        Assert.Equal([2, 1], history.Select(v => v.Version));
        Assert.Equal(["jamal.idris", "priya.shah"], history.Select(v => v.EditedBy).Order());
        Assert.Equal(2, (await store.FindAsync(id, CancellationToken.None))?.Version);
    }

    [Fact]
    public async Task Saving_an_article_with_a_missing_related_article_is_refused_and_nothing_is_stored()
    {
        var id = "broken-links-" + Guid.NewGuid().ToString("N")[..6];
        var store = _bot.Services.GetRequiredService<KnowledgeArticleStore>();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.SaveAsync(KnowledgeFixtures.Article(id, "Broken links", related: ["no-such-article"]), "priya.shah", CancellationToken.None));

        Assert.Contains("no-such-article", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.FindAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task The_support_team_writes_a_new_article_in_Teams_and_it_answers_at_once()
    {
        var id = "lone-working-" + Guid.NewGuid().ToString("N")[..6];
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "new article").From(SupportTeamMember));
        var editor = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.True(CardJson.HasId(editor, "body"));

        var saved = await ExecuteAsync(ArticleEditorCardData.SaveVerb, SupportTeamMember, new JsonObject
        {
            ["isNew"] = true,
            ["articleId"] = string.Empty,
            ["id"] = id,
            ["title"] = "Lone working safety training",
            ["summary"] = "Lone working training covers planning visits, checking in and what to do when a visit feels unsafe.",
            ["tags"] = "lone working, lone worker, personal safety",
            ["related"] = "mandatory-statutory-training",
            ["owner"] = "Health and safety adviser, city council",
            ["reviewBy"] = CardDates.ArticleReviewBy,
            ["body"] = "## Who it is for\nAnyone who visits people at home on their own.",
        });

        Assert.Contains("Saved as version 1", CardJson.Readable(saved), StringComparison.Ordinal);
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "is there lone worker training"));
        Assert.Contains("Lone working safety training", CardJson.Readable(CardJson.Of(_bot.Connector.Sent[^1])), StringComparison.Ordinal);
        var history = await _bot.Services.GetRequiredService<KnowledgeArticleStore>().HistoryAsync(id, CancellationToken.None).ToListAsync();
        Assert.Equal("Alex Morgan", Assert.Single(history).EditedBy);
    }

    [Fact]
    public async Task Editing_an_article_opens_it_filled_in_and_a_missing_related_id_is_marked()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "edit article job-shadowing").From(SupportTeamMember));
        var editor = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.Equal("Job shadowing", CardJson.ById(editor, "title")["value"]!.GetValue<string>());

        var refused = await ExecuteAsync(ArticleEditorCardData.SaveVerb, SupportTeamMember, new JsonObject
        {
            ["isNew"] = false,
            ["articleId"] = "job-shadowing",
            ["title"] = "Job shadowing",
            ["summary"] = "Spend time alongside someone in another role.",
            ["tags"] = "shadowing",
            ["related"] = "no-such-article",
            ["owner"] = "L&D Support Team",
            ["reviewBy"] = CardDates.DaysFromToday(200),
            ["body"] = "Body.",
        });

        Assert.Contains("no-such-article", CardJson.Readable(refused), StringComparison.Ordinal);
        Assert.True(CardJson.HasId(refused, "related-problem"));
        Assert.Equal("Job shadowing", _bot.Services.GetRequiredService<AnswerEngine>().Knowledge.Find("job-shadowing")!.Title);
    }

    [Fact]
    public async Task A_30_000_character_article_is_edited_in_parts_under_28_KB_and_saving_a_part_keeps_the_rest()
    {
        var id = "long-guidance-" + Guid.NewGuid().ToString("N")[..6];
        var body = LargestCardData.LongArticle(KnowledgeArticleStore.MaxBodyLength);
        await _bot.Services.GetRequiredService<KnowledgeArticleStore>().SaveAsync(
            KnowledgeFixtures.Article(id, "Long guidance", tags: ["long guidance"], body: body), "priya.shah", CancellationToken.None);
        var parts = ArticleBodyParts.Of(body);

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, $"edit article {id}").From(SupportTeamMember));

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(Assert.Single(_bot.Connector.Requests, r => r.Method == "POST").Body), 1, CardFit.MaxMessageBytes);
        var first = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.True(parts.Count > 1);
        Assert.Contains($"edited in {parts.Count} parts. This is part 1", CardJson.Texts(first), StringComparison.Ordinal);
        Assert.Equal(parts.Part(1), CardJson.ById(first, "body")["value"]!.GetValue<string>());

        var second = await ExecuteAsync(ArticleEditorCardData.PartVerb, SupportTeamMember, ActionData(first, "Next part"));

        Assert.Equal(parts.Part(2), CardJson.ById(second, "body")["value"]!.GetValue<string>());
        Assert.InRange(LargestCardData.SizeAsSent(second), 1, CardFit.MaxMessageBytes);
        var save = ActionData(second, "Save article");
        foreach (var (input, value) in InputValues(second))
        {
            save[input] = value;
        }

        save["body"] = "## Edited\nThe second part, rewritten.";
        var saved = await ExecuteAsync(ArticleEditorCardData.SaveVerb, SupportTeamMember, save.DeepClone().AsObject());

        Assert.Contains("Saved as version 2", CardJson.Readable(saved), StringComparison.Ordinal);
        Assert.Equal(parts.With(2, "## Edited\nThe second part, rewritten."), _bot.Services.GetRequiredService<AnswerEngine>().Knowledge.Find(id)!.Body);
        var stale = await ExecuteAsync(ArticleEditorCardData.SaveVerb, SupportTeamMember, save);
        Assert.Contains("Someone saved this article since you opened it", CardJson.Readable(stale), StringComparison.Ordinal);
        Assert.True(CardJson.HasId(stale, "body-problem"));
    }

    [Fact]
    public async Task Only_the_support_team_may_edit_articles()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "edit article job-shadowing"));
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, ArticleEditorCardData.SaveVerb, new JsonObject { ["isNew"] = true, ["id"] = "forged" }));

        Assert.Contains("only the L&D Support Team", Assert.Single(_bot.Connector.Sent).Activity.Text, StringComparison.Ordinal);
        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Null(_bot.Services.GetRequiredService<AnswerEngine>().Knowledge.Find("forged"));
    }

    [Fact]
    public async Task Greetings_get_the_help_card_and_empty_messages_a_pointer_not_a_logged_question()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "hi!"));
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, string.Empty));

        Assert.Equal(2, _bot.Connector.Sent.Count);
        Assert.Contains("I'm LearningBot", CardJson.Texts(CardJson.Of(_bot.Connector.Sent[0])), StringComparison.Ordinal);
        Assert.Null(_bot.Connector.Sent[1].Activity.Attachments);
        Assert.Contains("help", _bot.Connector.Sent[1].Activity.Text, StringComparison.OrdinalIgnoreCase);
        Assert.All(_bot.Connector.Sent, reply => Assert.Empty(CardJson.Actions(reply.Activity.Attachments is null ? null : CardJson.Of(reply), "ask.rate")));
    }

    /// <summary>The data of the button titled <paramref name="title"/> on the card (a copy).</summary>
    private static JsonObject ActionData(JsonObject card, string title) =>
        (CardJson.ActionByTitle(card, title) ?? throw new InvalidOperationException($"No {title} button"))["data"]!.DeepClone().AsObject();

    /// <summary>What the card's inputs hold, by id, as a client sends them with a press.</summary>
    private static IEnumerable<(string Id, string Value)> InputValues(JsonObject card) =>
        CardJson.Descendants(card)
            .Where(n => n["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true && n["id"] is not null && n["value"] is not null)
            .Select(n => (n["id"]!.GetValue<string>(), n["value"]!.ToString()));

    private async Task<JsonObject> Rate(string questionId, bool helpful) =>
        await ExecuteAsync(AskVerbs.Rate, new JsonObject { ["questionId"] = questionId, ["helpful"] = helpful });

    /// <summary>The id of the logged question an answer card's rating buttons carry.</summary>
    private static string QuestionId(JsonObject answerCard) =>
        (CardJson.Actions(answerCard, "ask.rate").FirstOrDefault() ?? throw new InvalidOperationException("expected an answer card"))["data"]!["questionId"]!.GetValue<string>();

    private Task<JsonObject> ExecuteAsync(string verb, JsonObject data) => ExecuteAsync(verb, TestPerson.Alex, data);

    /// <summary>Presses an Action.Execute button as <paramref name="person"/>; the answer must be a card.</summary>
    private async Task<JsonObject> ExecuteAsync(string verb, TestPerson person, JsonObject data)
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data).From(person));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }
}
