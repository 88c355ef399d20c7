using System.Text.Json.Nodes;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.OneStopShop.Escalation;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.MultiInstance;

/// <summary>
/// Two real bot processes on one storage account: what is set or saved in Teams on one instance is used by the other
/// within the bound docs/architecture.md gives it, a form opened on one is sent on the other, and an install's two events
/// welcome once whichever instances get them.
/// </summary>
public sealed class SharedStateTests(SharedStateInstances bots) : IClassFixture<SharedStateInstances>
{
    private string ServiceUrl => bots.Connector.ServiceUrl;

    [Fact]
    public async Task An_install_whose_two_events_reach_different_instances_is_welcomed_once()
    {
        var oneAfterTheOther = "a:" + Guid.NewGuid().ToString("N");
        var atOnce = "a:" + Guid.NewGuid().ToString("N");

        (await bots.A.PostActivityAsync(TeamsActivities.InstallationUpdate(ServiceUrl, conversationId: oneAfterTheOther))).EnsureSuccessStatusCode();
        (await bots.B.PostActivityAsync(TeamsActivities.BotAdded(ServiceUrl, oneAfterTheOther))).EnsureSuccessStatusCode();
        var answers = await Task.WhenAll(
            bots.A.PostActivityAsync(TeamsActivities.BotAdded(ServiceUrl, atOnce)),
            bots.B.PostActivityAsync(TeamsActivities.InstallationUpdate(ServiceUrl, conversationId: atOnce)));

        Assert.All(answers, answer => answer.EnsureSuccessStatusCode());
        Assert.True(SentTo(oneAfterTheOther) == 1, bots.Describe());
        Assert.True(SentTo(atOnce) == 1, bots.Describe());
    }

    [Fact]
    public async Task An_expert_channel_chosen_on_one_instance_is_used_by_the_other_once_its_cache_time_has_passed()
    {
        var first = new Channel("19:hub-first@thread.tacv2");
        var second = new Channel("19:hub-second@thread.tacv2");
        const string FirstQuestion = "Is there funding for a Level 3 diploma in adult care for our bank staff?";
        const string SecondQuestion = "Can night staff book the moving and handling refresher on a weekday evening?";
        await SendAsync(bots.A, first.Mention(ServiceUrl, "set expert channel"));

        // B reads the first channel for its ticket and keeps it for its cache time.
        await EscalateAsync(bots.B, FirstQuestion);
        Assert.True(await Eventually.TrueAsync(() => ChannelCards(first.Id, FirstQuestion) == 1), bots.Describe());

        await SendAsync(bots.A, second.Mention(ServiceUrl, "set expert channel"));
        await Task.Delay(SharedStateInstances.ExpertChannelCacheDuration);
        await EscalateAsync(bots.B, SecondQuestion);

        Assert.True(await Eventually.TrueAsync(() => ChannelCards(second.Id, SecondQuestion) == 1), bots.Describe());
        Assert.Equal(0, ChannelCards(first.Id, SecondQuestion));
    }

    [Fact]
    public async Task An_article_saved_on_one_instance_is_answered_from_by_the_other_within_the_refresh_time()
    {
        var id = "hive-wardens-" + Guid.NewGuid().ToString("N")[..6];
        const string Title = "Beekeeping induction for apiary wardens";
        const string Question = "Is there a beekeeping induction for apiary wardens?";
        Assert.DoesNotContain(Title, await AskAsync(bots.B, Question), StringComparison.Ordinal);

        var saved = await InvokeCardAsync(bots.A, TeamsActivities.ExecuteAction(ServiceUrl, ArticleEditorCardData.SaveVerb, NewArticle(id, Title)).From(EscalationScenario.Sam));
        Assert.Contains("Saved as version 1", CardJson.Texts(saved), StringComparison.Ordinal);

        // The editor on B opens what A saved, read from the store, without waiting for B's refresh.
        var editor = await LastCardAfterAsync(bots.B, TeamsActivities.Message(ServiceUrl, $"edit article {id}", "a:" + Guid.NewGuid().ToString("N")).From(EscalationScenario.Sam));
        Assert.Contains("Wardens of the hives", CardJson.Texts(editor), StringComparison.Ordinal);

        var taken = await Eventually.TrueAsync(() => bots.B.CountLog("article(s) saved on another instance") > 0, SharedStateInstances.StoredArticlesRefresh * 5);
        Assert.True(taken, bots.Describe());
        Assert.Contains(Title, await AskAsync(bots.B, Question), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_opened_on_one_instance_and_sent_to_both_makes_one_ticket()
    {
        const string Question = "Who signs off the care certificate for staff who moved here from another home?";
        var chat = "a:" + Guid.NewGuid().ToString("N");
        await SendAsync(bots.A, TeamsActivities.Message(ServiceUrl, "help", chat).From(EscalationScenario.Asker));
        var form = await InvokeCardAsync(bots.A, TeamsActivities.ExecuteAction(ServiceUrl, EscalationVerbs.Escalate, new() { ["question"] = Question }, chat).From(EscalationScenario.Asker));
        var send = EscalationScenario.Submit(EscalationScenario.ClientToken(form), Question);

        var onB = await InvokeCardAsync(bots.B, TeamsActivities.ExecuteAction(ServiceUrl, EscalationVerbs.Submit, send.DeepClone().AsObject(), chat).From(EscalationScenario.Asker));
        var againOnA = await InvokeCardAsync(bots.A, TeamsActivities.ExecuteAction(ServiceUrl, EscalationVerbs.Submit, send.DeepClone().AsObject(), chat).From(EscalationScenario.Asker));

        var reference = EscalationScenario.Reference(onB);
        Assert.Equal(reference, EscalationScenario.Reference(againOnA));
        var filter = Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey eq {TicketEntity.TicketRowKey} and Reference eq {reference}");
        Assert.Single(await bots.Azurite.Table(TicketStore.TableName).QueryAsync<TicketEntity>(filter).ToListAsync());
    }

    private static JsonObject NewArticle(string id, string title) => new()
    {
        ["isNew"] = true,
        ["articleId"] = string.Empty,
        ["id"] = id,
        ["title"] = title,
        ["summary"] = "The induction every apiary warden takes before looking after the hives.",
        ["tags"] = "beekeeping, apiary, hives, wardens",
        ["related"] = string.Empty,
        ["owner"] = "L&D Support Team",
        ["reviewBy"] = CardDates.ArticleReviewBy,
        ["body"] = "## Beekeeping induction\nWardens of the hives take the apiary induction in their first month. Ask the L&D Support Team to book it.",
    };

    /// <summary>Asks the question in a new 1:1 chat and returns what the answer shows.</summary>
    private async Task<string> AskAsync(BotProcess bot, string question) =>
        CardJson.Texts(await LastCardAfterAsync(bot, TeamsActivities.Message(ServiceUrl, question, "a:" + Guid.NewGuid().ToString("N")).From(EscalationScenario.Asker)));

    private async Task<JsonObject> LastCardAfterAsync(BotProcess bot, JsonObject message)
    {
        var conversation = message.ConversationId();
        await SendAsync(bot, message);
        var reply = bots.Connector.Sent.LastOrDefault(sent => sent.ConversationId == conversation && sent.Activity.Attachments is { Count: > 0 });
        Assert.True(reply is not null, bots.Describe());
        return CardJson.Of(reply);
    }

    /// <summary>The asker opens the ask form and sends it, on <paramref name="bot"/>.</summary>
    private async Task EscalateAsync(BotProcess bot, string question)
    {
        var chat = "a:" + Guid.NewGuid().ToString("N");
        await SendAsync(bot, TeamsActivities.Message(ServiceUrl, "help", chat).From(EscalationScenario.Asker));
        var form = await InvokeCardAsync(bot, TeamsActivities.ExecuteAction(ServiceUrl, EscalationVerbs.Escalate, new() { ["question"] = question }, chat).From(EscalationScenario.Asker));
        var sent = await InvokeCardAsync(bot, TeamsActivities.ExecuteAction(ServiceUrl, EscalationVerbs.Submit, EscalationScenario.Submit(EscalationScenario.ClientToken(form), question), chat)
            .From(EscalationScenario.Asker));
        Assert.True(EscalationScenario.InputValue(sent, "question") is null, $"The question came back to be checked: {CardJson.Texts(sent)}");
    }

    private async Task<JsonObject> InvokeCardAsync(BotProcess bot, JsonObject press)
    {
        using var response = await bot.PostActivityAsync(press);
        response.EnsureSuccessStatusCode();
        var answer = await BotTestHost.ReadJsonAsync(response);
        Assert.True(answer["value"] is JsonObject, $"{answer.ToJsonString()}\n{bots.Describe()}");
        return CardJson.FromInvoke(answer);
    }

    private static async Task SendAsync(BotProcess bot, JsonObject activity)
    {
        using var response = await bot.PostActivityAsync(activity);
        response.EnsureSuccessStatusCode();
    }

    private int SentTo(string conversationId) => bots.Connector.Sent.Count(sent => sent.ConversationId == conversationId);

    /// <summary>Ticket cards posted in the channel that show the question (other tests' tickets may be posted there too).</summary>
    private int ChannelCards(string channelId, string question) =>
        bots.Connector.Sent.Count(sent => sent.ConversationId == channelId && sent.ReplyToId is null && sent.Activity.Attachments is { Count: > 0 }
            && CardJson.Texts(sent.Activity).Contains(question, StringComparison.Ordinal));

    /// <summary>A team's channel of its own, where Sam @mentions the bot.</summary>
    private sealed record Channel(string Id)
    {
        public JsonObject Mention(string serviceUrl, string text)
        {
            var activity = TeamsActivities.ChannelMention(serviceUrl, text).From(EscalationScenario.Sam);
            activity["conversation"]!["id"] = $"{Id};messageid=1700000000000";
            activity["channelData"]!["team"] = new JsonObject { ["id"] = Id, ["name"] = "Learning Hub" };
            activity["channelData"]!["channel"] = new JsonObject { ["id"] = Id };
            return activity;
        }
    }
}
