using System.Net;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Connector;

public sealed class ConnectorErrorTests : ConnectorClientTest
{
    private static readonly Activity Hello = new() { Type = ActivityTypes.Message, Text = "hello" };

    [Theory]
    [InlineData(403, TeamsErrorCodes.ConversationBlockedByUser, true)]
    [InlineData(403, TeamsErrorCodes.BotNotInConversationRoster, true)]
    [InlineData(403, TeamsErrorCodes.BotDisabledByAdmin, true)]
    [InlineData(404, TeamsErrorCodes.ConversationNotFound, true)]
    [InlineData(413, TeamsErrorCodes.MessageSizeTooBig, false)]
    [InlineData(401, TeamsErrorCodes.BotNotRegistered, false)]
    public async Task Error_bodies_surface_the_status_and_Teams_code(int status, string code, bool unreachable)
    {
        Connector.FailNext(new FakeFailure(status, code, "Teams said no"));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendToConversationAsync("a:1", Hello));

        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
        Assert.Equal(code, failure.Code);
        Assert.Equal("Teams said no", failure.ErrorMessage);
        Assert.Equal(unreachable, failure.IsRecipientUnreachable);
        Assert.Equal("SendToConversation", failure.Operation);
        Assert.Contains(code, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nested_sub_code_such_as_MessageWritesBlocked_is_surfaced()
    {
        Connector.FailNext(new FakeFailure(403, Body: """
            {"error":{"code":"Forbidden","message":"Failed to send activity",
              "innerHttpError":{"statusCode":403,"body":{"error":{"code":"MessageWritesBlocked","message":"Thread is blocked"}}}}}
            """));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendToConversationAsync("a:1", Hello));

        Assert.Equal("Forbidden", failure.Code);
        Assert.Equal(TeamsErrorCodes.MessageWritesBlocked, failure.SubCode);
        Assert.True(failure.Has(TeamsErrorCodes.MessageWritesBlocked));
        Assert.True(failure.IsRecipientUnreachable);
    }

    [Fact]
    public async Task A_subCode_member_is_surfaced()
    {
        Connector.FailNext(new FakeFailure(403, Body: """{"error":{"code":"Forbidden","subCode":"MessageWritesBlocked","message":"blocked"}}"""));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.ReplyToActivityAsync("a:1", "1", Hello));

        Assert.Equal(TeamsErrorCodes.MessageWritesBlocked, failure.SubCode);
    }

    [Fact]
    public async Task A_bare_code_and_message_body_is_understood()
    {
        Connector.FailNext(new FakeFailure(405, Body: """{"code":"BadArgument","message":"Unknown conversation"}"""));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendToConversationAsync("a:1", Hello));

        Assert.Equal(TeamsErrorCodes.BadArgument, failure.Code);
    }

    [Fact]
    public async Task A_body_that_is_not_json_still_gives_the_status()
    {
        Connector.FailNext(new FakeFailure(500, Body: "<html>Internal error</html>"));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.GetConversationMemberAsync("a:1", "29:x"));

        Assert.Equal(HttpStatusCode.InternalServerError, failure.StatusCode);
        Assert.Null(failure.Code);
    }

    [Fact]
    public async Task The_connector_rejects_an_activity_without_a_type()
    {
        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendToConversationAsync("a:1", new Activity { Text = "no type" }));

        Assert.Equal(HttpStatusCode.BadRequest, failure.StatusCode);
        Assert.Equal(TeamsErrorCodes.BadArgument, failure.Code);
    }
}
