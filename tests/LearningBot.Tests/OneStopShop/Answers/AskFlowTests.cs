using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>The one-stop shop through the real pipeline: Teams-shaped activities in, cards out, questions in Azurite.</summary>
public sealed class AskFlowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string SupportTeamMember = "5e1f7a20-0000-4000-8000-0000000005e1";

    /// <summary>A support team member listed by Teams user id rather than Entra object id.</summary>
    private const string SupportTeamTeamsId = "29:1-ld-support-by-teams-id";

    private BotTestHost _bot = null!;

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    public async Task InitializeAsync() => _bot = await BotTestHost.StartAsync(azurite, new Dictionary<string, string?>
    {
        ["Roles:SupportTeam:0"] = SupportTeamMember,
        ["Roles:SupportTeam:1"] = SupportTeamTeamsId,
    });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task A_typed_question_gets_an_answer_card_with_read_more_owner_related_and_rating()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "how do i get a mentor"));

        var card = SentCard(Assert.Single(_bot.Connector.Sent));
        var text = Json(card);
        Assert.Contains("Finding or becoming a mentor", text, StringComparison.Ordinal);
        var readMore = FindAction(card, a => a["type"]?.GetValue<string>() == "Action.ShowCard");
        Assert.Equal("Read more", readMore["title"]!.GetValue<string>());
        Assert.True(readMore["card"]!["body"]!.AsArray().Count > 3);
        Assert.Contains("Owner: L&D Support Team", text, StringComparison.Ordinal);
        Assert.NotEmpty(Actions(card, "ask.article"));
        var rate = Actions(card, "ask.rate");
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
        Assert.Contains("The Five Minute Review", Json(SentCard(reply)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unrelated_question_gets_an_honest_not_sure_with_suggestions_and_the_escalate_button()
    {
        const string question = "what's the wifi password at the training centre";

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, question));

        var card = SentCard(Assert.Single(_bot.Connector.Sent));
        Assert.Contains("I'm not sure", Json(card), StringComparison.Ordinal);
        Assert.InRange(Actions(card, "ask.article").Count, 0, 3);
        var escalate = Assert.Single(Actions(card, AskVerbs.Escalate));
        Assert.Equal("Ask the L&D team", escalate["title"]!.GetValue<string>());
        Assert.Equal(question, escalate["data"]!["question"]!.GetValue<string>());
        Assert.Equal(question, escalate["fallback"]!["data"]!["question"]!.GetValue<string>());
        Assert.Empty(Actions(card, "ask.rate"));
    }

    [Fact]
    public async Task A_who_question_gets_a_person_card_from_the_directory()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "who is the L&D lead for the ambulance trust?"));

        var text = Json(SentCard(Assert.Single(_bot.Connector.Sent)));
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
        await _bot.PostActivityAsync(AsPerson(TeamsActivities.Message(ServiceUrl, "who is my L&D lead?"), "0f6a2b9c-3d4e-4a51-8b7c-9e1d2f3a4b50"));

        Assert.Contains("Tomasz Nowicki", Json(SentCard(Assert.Single(_bot.Connector.Sent))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_network_question_shows_how_to_join()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "who runs the mentoring network"));

        var text = Json(SentCard(Assert.Single(_bot.Connector.Sent)));
        Assert.Contains("Samuel Adjei", text, StringComparison.Ordinal);
        Assert.Contains("How to join", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rating_twice_records_one_rating_and_thanks_both_times()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "pros and cons of e-learning"));
        var questionId = Actions(SentCard(Assert.Single(_bot.Connector.Sent)), "ask.rate")[0]["data"]!["questionId"]!.GetValue<string>();

        var presses = await Task.WhenAll(
            Rate(questionId, helpful: false),
            Rate(questionId, helpful: false),
            Rate(questionId, helpful: true));

        foreach (var card in presses)
        {
            Assert.Contains("Thanks for your feedback", Json(card), StringComparison.Ordinal);
            Assert.Empty(Actions(card, "ask.rate"));
        }

        var record = await _bot.Services.GetRequiredService<QuestionLog>().FindAsync(questionId, CancellationToken.None);
        Assert.NotNull(record);
        Assert.NotNull(record.Helpful);
        var offered = presses.Select(card => Actions(card, AskVerbs.Escalate).Count).Distinct();
        Assert.Equal(record.Helpful == false ? 1 : 0, Assert.Single(offered));
    }

    [Fact]
    public async Task A_thumbs_down_offers_the_L_and_D_team_with_the_question()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "what is a training brokerage"));
        var questionId = Actions(SentCard(Assert.Single(_bot.Connector.Sent)), "ask.rate")[0]["data"]!["questionId"]!.GetValue<string>();

        var card = await Rate(questionId, helpful: false);

        var escalate = Assert.Single(Actions(card, AskVerbs.Escalate));
        Assert.Equal("what is a training brokerage", escalate["data"]!["question"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_ask_button_shows_the_question_form_and_submitting_it_answers()
    {
        var form = await ExecuteAsync(AskVerbs.Start, new JsonObject());
        var input = FindElement(form, e => e["type"]?.GetValue<string>() == "Input.Text");
        Assert.Equal("What would you like to know?", input["label"]!.GetValue<string>());
        Assert.True(input["isRequired"]!.GetValue<bool>());
        Assert.Equal(500, input["maxLength"]!.GetValue<int>());

        var answer = await ExecuteAsync(AskVerbs.Question, new JsonObject { ["question"] = "how do I arrange job shadowing" });

        var text = Json(answer);
        Assert.Contains("You asked: how do I arrange job shadowing", text, StringComparison.Ordinal);
        Assert.Contains("Job shadowing", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_or_overlong_question_is_sent_back_with_the_problem_marked()
    {
        var empty = await ExecuteAsync(AskVerbs.Question, new JsonObject { ["question"] = "  " });
        var overlong = await ExecuteAsync(AskVerbs.Question, new JsonObject { ["question"] = new string('a', 501) });

        Assert.Contains("Please type your question", Json(empty), StringComparison.Ordinal);
        Assert.Contains("Please type your question", Json(overlong), StringComparison.Ordinal);
        Assert.NotNull(FindElement(overlong, e => e["id"]?.GetValue<string>() == "question-problem"));
    }

    [Fact]
    public async Task A_suggested_article_opens_as_an_answer_card_that_can_be_rated()
    {
        var card = await ExecuteAsync(AskVerbs.Article, new JsonObject { ["id"] = "newsletter", ["question"] = "paper copy of the bulletin" });

        Assert.Contains("The learning newsletter and its printed edition", Json(card), StringComparison.Ordinal);
        Assert.Equal(2, Actions(card, "ask.rate").Count);
    }

    [Fact]
    public async Task Personal_details_in_a_question_are_never_stored()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "patient 943 476 5919 dob 01/02/1950 - how do I write a learning needs analysis"));

        var card = SentCard(Assert.Single(_bot.Connector.Sent));
        var questionId = (Actions(card, "ask.rate").FirstOrDefault() ?? throw new InvalidOperationException("expected an answer card")) ["data"]!["questionId"]!.GetValue<string>();
        var record = await _bot.Services.GetRequiredService<QuestionLog>().FindAsync(questionId, CancellationToken.None);
        Assert.NotNull(record);
        Assert.True(record.Scrubbed);
        Assert.DoesNotContain("5919", record.Question, StringComparison.Ordinal);
        Assert.DoesNotContain("1950", record.Question, StringComparison.Ordinal);
        Assert.DoesNotContain("5919", Json(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_gaps_report_shows_the_support_team_repeated_unanswered_questions_and_poor_ratings()
    {
        var unanswered = "is the minibus to the awards " + Guid.NewGuid().ToString("N")[..6] + " running";
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, unanswered));
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, unanswered.ToUpperInvariant() + "?"));
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "tips for running a multi agency partnership group"));
        var questionId = Actions(SentCard(_bot.Connector.Sent[^1]), "ask.rate")[0]["data"]!["questionId"]!.GetValue<string>();
        await Rate(questionId, helpful: false);

        await _bot.PostActivityAsync(AsPerson(TeamsActivities.Message(ServiceUrl, "gaps report 7 days"), SupportTeamMember));

        var report = Json(SentCard(_bot.Connector.Sent[^1]));
        Assert.Contains("Gaps in the knowledge base", report, StringComparison.Ordinal);
        Assert.Contains("the last 7 days", report, StringComparison.Ordinal);
        Assert.Contains($"2 × {unanswered.ToUpperInvariant()}?", report, StringComparison.Ordinal);
        Assert.Contains("Keeping a partnership learning group on track", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_support_team_member_listed_by_teams_id_gets_the_gaps_report_as_they_get_ticket_buttons()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "gaps report", userId: SupportTeamTeamsId));

        var report = Json(SentCard(Assert.Single(_bot.Connector.Sent)));
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
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "ceiling hoist refresher"));
        await store.SaveAsync(article with { Summary = "Refreshers run monthly; book with your moving and handling adviser." }, "jamal.idris", CancellationToken.None);

        Assert.Contains("Ceiling hoist refresher sessions", Json(SentCard(Assert.Single(_bot.Connector.Sent))), StringComparison.Ordinal);
        var history = await store.HistoryAsync(id, CancellationToken.None).ToListAsync();
        Assert.Equal([2, 1], history.Select(v => v.Version));
        Assert.Equal(["jamal.idris", "priya.shah"], history.Select(v => v.EditedBy));

        await using var restarted = await BotTestHost.StartAsync(azurite);
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
        await _bot.PostActivityAsync(AsPerson(TeamsActivities.Message(ServiceUrl, "new article"), SupportTeamMember));
        var editor = SentCard(Assert.Single(_bot.Connector.Sent));
        Assert.NotNull(FindElement(editor, e => e["id"]?.GetValue<string>() == "body"));

        var saved = await ExecuteAsAsync(SupportTeamMember, ArticleEditorCardData.SaveVerb, new JsonObject
        {
            ["isNew"] = true,
            ["articleId"] = string.Empty,
            ["id"] = id,
            ["title"] = "Lone working safety training",
            ["summary"] = "Lone working training covers planning visits, checking in and what to do when a visit feels unsafe.",
            ["tags"] = "lone working, lone worker, personal safety",
            ["related"] = "mandatory-statutory-training",
            ["owner"] = "Health and safety adviser, city council",
            ["reviewBy"] = "2027-11-30",
            ["body"] = "## Who it is for\nAnyone who visits people at home on their own.",
        });

        Assert.Contains("Saved as version 1", Json(saved), StringComparison.Ordinal);
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "is there lone worker training"));
        Assert.Contains("Lone working safety training", Json(SentCard(_bot.Connector.Sent[^1])), StringComparison.Ordinal);
        var history = await _bot.Services.GetRequiredService<KnowledgeArticleStore>().HistoryAsync(id, CancellationToken.None).ToListAsync();
        Assert.Equal("Alex Morgan", Assert.Single(history).EditedBy);
    }

    [Fact]
    public async Task Editing_an_article_opens_it_filled_in_and_a_missing_related_id_is_marked()
    {
        await _bot.PostActivityAsync(AsPerson(TeamsActivities.Message(ServiceUrl, "edit article job-shadowing"), SupportTeamMember));
        var editor = SentCard(Assert.Single(_bot.Connector.Sent));
        Assert.Equal("Job shadowing", FindElement(editor, e => e["id"]?.GetValue<string>() == "title")["value"]!.GetValue<string>());

        var refused = await ExecuteAsAsync(SupportTeamMember, ArticleEditorCardData.SaveVerb, new JsonObject
        {
            ["isNew"] = false,
            ["articleId"] = "job-shadowing",
            ["title"] = "Job shadowing",
            ["summary"] = "Spend time alongside someone in another role.",
            ["tags"] = "shadowing",
            ["related"] = "no-such-article",
            ["owner"] = "L&D Support Team",
            ["reviewBy"] = "2027-06-30",
            ["body"] = "Body.",
        });

        Assert.Contains("no-such-article", Json(refused), StringComparison.Ordinal);
        Assert.NotNull(FindElement(refused, e => e["id"]?.GetValue<string>() == "related-problem"));
        Assert.Equal("Job shadowing", _bot.Services.GetRequiredService<AnswerEngine>().Knowledge.Find("job-shadowing")!.Title);
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
    public async Task Greetings_and_empty_messages_get_a_pointer_not_a_logged_question()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "hi!"));
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, string.Empty));

        Assert.All(_bot.Connector.Sent, reply =>
        {
            Assert.Null(reply.Activity.Attachments);
            Assert.Contains("help", reply.Activity.Text, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Equal(2, _bot.Connector.Sent.Count);
    }

    private static string Json(JsonObject card) =>
        card.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private async Task<JsonObject> Rate(string questionId, bool helpful) =>
        await ExecuteAsync(AskVerbs.Rate, new JsonObject { ["questionId"] = questionId, ["helpful"] = helpful });

    private async Task<JsonObject> ExecuteAsync(string verb, JsonObject data)
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data));
        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        return body["value"]!.AsObject();
    }

    private async Task<JsonObject> ExecuteAsAsync(string personKey, string verb, JsonObject data)
    {
        var response = await _bot.PostActivityAsync(AsPerson(TeamsActivities.ExecuteAction(ServiceUrl, verb, data), personKey));
        var body = await BotTestHost.ReadJsonAsync(response);
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        return body["value"]!.AsObject();
    }

    private static JsonObject AsPerson(JsonObject activity, string personKey)
    {
        activity["from"]!["aadObjectId"] = personKey;
        return activity;
    }

    private static JsonObject SentCard(SentActivity sent)
    {
        var attachment = Assert.Single(sent.Activity.Attachments ?? []);
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        return JsonNode.Parse(attachment.Content!.ToJsonString())!.AsObject();
    }

    private static List<JsonObject> Actions(JsonObject card, string verb) =>
        [.. Elements(card).Where(e => e["type"]?.GetValue<string>() == "Action.Execute" && e["verb"]?.GetValue<string>() == verb)];

    private static JsonObject FindAction(JsonObject card, Func<JsonObject, bool> match) => Elements(card).First(match);

    private static JsonObject FindElement(JsonObject card, Func<JsonObject, bool> match) => Elements(card).First(match);

    private static IEnumerable<JsonObject> Elements(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, value) in obj)
                {
                    foreach (var inner in Elements(value))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var inner in Elements(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
