using System.Text.Json.Nodes;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Signposts;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop.Signposts;

/// <summary>Signposts through the real pipeline: a question that is not about learning in, a signpost card out, the log in Azurite.</summary>
public sealed class SignpostFlowTests(SignpostFlowTests.Host host) : IClassFixture<SignpostFlowTests.Host>
{
    private static readonly TestPerson SupportTeamMember = TestPerson.Alex with { AadObjectId = "5e1f7a20-0000-4000-8000-00000000516e" };

    private readonly BotTestHost _bot = host.ForTest();

    private string ServiceUrl => _bot.Connector.ServiceUrl;

    public sealed class Host : BotHostFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Roles:SupportTeam:0"] = SupportTeamMember.AadObjectId,
        };
    }

    [Fact]
    public async Task A_bullying_message_gets_the_signpost_card_and_nothing_goes_to_the_L_and_D_team()
    {
        var message = TeamsActivities.Message(ServiceUrl, "my manager keeps shouting at me");

        await _bot.PostActivityAsync(message);

        var reply = Assert.Single(_bot.Connector.Sent);
        Assert.Equal(message.ConversationId(), reply.ConversationId);
        var card = CardJson.Of(reply);
        var text = CardJson.Readable(card);
        Assert.Contains("How you are being treated at work", text, StringComparison.Ordinal);
        Assert.Contains("Your Freedom to Speak Up Guardian", text, StringComparison.Ordinal);
        Assert.Contains("Your trade union rep", text, StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(card, AskVerbs.Escalate));
        Assert.Empty(CardJson.Actions(card, AskVerbs.Rate));
        var record = await LoggedAsync(card);
        Assert.Equal(QuestionRecord.SignpostedKind, record.Kind);
        Assert.Equal("bullying-harassment", record.SignpostId);
        Assert.Null(record.ArticleId);
    }

    [Fact]
    public async Task A_safeguarding_concern_is_told_to_act_now()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "who do I tell, a resident has a bruise and I think someone hurt her"));

        var text = CardJson.Readable(CardJson.Of(Assert.Single(_bot.Connector.Sent)));
        Assert.Contains("Act on a safeguarding concern now", text, StringComparison.Ordinal);
        Assert.Contains("If someone is in immediate danger, call 999 now.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signposted_question_is_logged_without_the_personal_details_typed_in_it()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "I haven't been paid my overtime, ring me on 07700 900123"));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var record = await LoggedAsync(card);
        Assert.Equal("pay", record.SignpostId);
        Assert.True(record.Scrubbed);
        Assert.DoesNotContain("07700", record.Question, StringComparison.Ordinal);
        Assert.DoesNotContain("07700", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_learning_question_that_looks_like_a_signpost_gets_the_usual_answer()
    {
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "where do I book safeguarding level 3 training"));

        var card = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        Assert.Empty(CardJson.Actions(card, SignpostVerbs.LearningAfterAll));
    }

    [Fact]
    public async Task About_learning_after_all_gives_the_not_sure_card_with_the_way_to_the_team_and_counts_as_unanswered()
    {
        const string question = "who looks after the e-roster on our ward";
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, question));
        var signpost = CardJson.Of(Assert.Single(_bot.Connector.Sent));
        var data = Assert.Single(CardJson.Actions(signpost, SignpostVerbs.LearningAfterAll))["data"]!.AsObject();

        var first = await ExecuteAsync(SignpostVerbs.LearningAfterAll, data.DeepClone().AsObject());
        var again = await ExecuteAsync(SignpostVerbs.LearningAfterAll, data.DeepClone().AsObject());

        foreach (var card in new[] { first, again })
        {
            Assert.Contains("I'm not sure", CardJson.Readable(card), StringComparison.Ordinal);
            Assert.Equal(question, Assert.Single(CardJson.Actions(card, AskVerbs.Escalate))["data"]!["question"]!.GetValue<string>());
        }

        var record = await LoggedAsync(signpost);
        Assert.Equal("NotSure", record.Kind);
        Assert.True(record.LearningAfterAll);
        Assert.Equal("rotas-leave", record.SignpostId);
    }

    [Fact]
    public async Task About_learning_after_all_with_an_unknown_question_id_shows_the_cards_copy_scrubbed_and_cut_short()
    {
        var copy = "my patient John Smith, NHS number 943 476 5919, asked about dementia training " + new string('x', 5_000);

        var card = await ExecuteAsync(SignpostVerbs.LearningAfterAll, new JsonObject { ["questionId"] = "no-such-question", ["question"] = copy });

        var readable = CardJson.Readable(card);
        Assert.Contains("I'm not sure", readable, StringComparison.Ordinal);
        Assert.DoesNotContain("943 476 5919", card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("John Smith", card.ToJsonString(), StringComparison.Ordinal);
        var carried = Assert.Single(CardJson.Actions(card, AskVerbs.Escalate))["data"]!["question"]!.GetValue<string>();
        Assert.True(carried.Length <= 1_000, $"The card carried {carried.Length} characters of the question.");
    }

    [Fact]
    public async Task The_gaps_report_shows_signposted_questions_by_topic_and_not_as_unanswered()
    {
        var question = "forgot my password for the " + Guid.NewGuid().ToString("N")[..6] + " system";
        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, question));

        await _bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "gaps report 7 days").From(SupportTeamMember));

        var report = CardJson.Readable(CardJson.Of(_bot.Connector.Sent[^1]));
        Assert.Contains("Signposted elsewhere, not sent to the team", report, StringComparison.Ordinal);
        Assert.Contains("Passwords, log-ins and IT", report, StringComparison.Ordinal);
        Assert.Contains("fewer than 5 questions", report, StringComparison.Ordinal);
        Assert.DoesNotContain(question, report, StringComparison.Ordinal);
    }

    private async Task<QuestionRecord> LoggedAsync(JsonObject signpostCard)
    {
        var questionId = Assert.Single(CardJson.Actions(signpostCard, SignpostVerbs.LearningAfterAll))["data"]!["questionId"]!.GetValue<string>();
        var record = await _bot.Services.GetRequiredService<QuestionLog>().FindAsync(questionId, CancellationToken.None);
        return record ?? throw new InvalidOperationException("the question was not logged");
    }

    private async Task<JsonObject> ExecuteAsync(string verb, JsonObject data)
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }
}
