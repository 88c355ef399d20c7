using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.OneStopShop.Escalation;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.MultiInstance;

/// <summary>
/// Two real bot processes on one storage account: what one instance owes people after a change is delivered by the other
/// when the first dies before delivering it (the kick on the outbox queue). Its own pair of processes, since it kills one.
/// </summary>
public sealed class OutboxHandOverTests(TwoInstances bots) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task A_message_committed_on_an_instance_that_dies_is_delivered_by_the_other()
    {
        var serviceUrl = bots.Connector.ServiceUrl;
        var askerChat = "a:" + Guid.NewGuid().ToString("N");
        (await bots.A.PostActivityAsync(TeamsActivities.ChannelMention(serviceUrl, "set expert channel").From(EscalationScenario.Sam))).EnsureSuccessStatusCode();
        (await bots.A.PostActivityAsync(TeamsActivities.Message(serviceUrl, "help", askerChat).From(EscalationScenario.Asker))).EnsureSuccessStatusCode();
        var form = await InvokeCardAsync(TeamsActivities.ExecuteAction(serviceUrl, TwoInstances.Escalate, new() { ["question"] = TwoInstances.Question }, askerChat));

        // A commits the ticket and the card it owes the expert channel, and is still sending the card when it dies.
        bots.Connector.StallNext(TimeSpan.FromMinutes(1));
        var submit = EscalationScenario.Submit(EscalationScenario.ClientToken(form), TwoInstances.Question);
        await InvokeCardAsync(TeamsActivities.ExecuteAction(serviceUrl, TwoInstances.Submit, submit, askerChat));
        Assert.True(await Eventually.TrueAsync(() => PostsTo(TwoInstances.ExpertChannel) > 0), Requests() + bots.Describe());
        bots.A.Kill();

        var delivered = await Eventually.TrueAsync(() => ChannelCards() == 1, TimeSpan.FromSeconds(30));

        Assert.True(delivered, Requests() + bots.Describe());
        var recordedByB = await Eventually.TrueAsync(() => bots.B.CountLog($"{TicketChannelCard.KindName}: delivered after") == 1);
        Assert.True(recordedByB, bots.Describe());
    }

    private async Task<System.Text.Json.Nodes.JsonObject> InvokeCardAsync(System.Text.Json.Nodes.JsonObject press)
    {
        using var response = await bots.A.PostActivityAsync(press.From(EscalationScenario.Asker));
        response.EnsureSuccessStatusCode();
        var answer = await BotTestHost.ReadJsonAsync(response);
        Assert.True(answer["value"] is System.Text.Json.Nodes.JsonObject, $"{answer.ToJsonString()}\n{bots.Describe()}");
        return CardJson.FromInvoke(answer);
    }

    private string Requests() =>
        $"{bots.Connector.Requests.Count} connector requests, {bots.Connector.Sent.Count} sent:\n" + string.Join('\n', bots.Connector.Requests.Select(request => $"{request.Method} {string.Join('/', request.Segments)}")) + "\n";

    private int PostsTo(string conversationId) =>
        bots.Connector.Requests.Count(request => request.Method == "POST" && request.Segments.Contains(conversationId));

    private int ChannelCards() =>
        bots.Connector.Sent.Count(sent => sent.ConversationId == TwoInstances.ExpertChannel && sent.ReplyToId is null && sent.Activity.Attachments is { Count: > 0 });
}
