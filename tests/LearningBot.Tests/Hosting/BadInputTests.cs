using System.Net;
using System.Text;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Hosting;

/// <summary>Whatever arrives at /api/messages, the answer is a clear 4xx, never a 500, and nothing is sent.</summary>
public sealed class BadInputTests(BotHostFixture host) : IClassFixture<BotHostFixture>
{
    private readonly BotTestHost _bot = host.ForTest();

    [Theory]
    [InlineData("{")]
    [InlineData("not json at all")]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("\"message\"")]
    [InlineData("{\"type\": 5}")]
    [InlineData("{\"type\": \"message\", \"from\": \"not an object\"}")]
    [InlineData("{\"type\": \"message\", \"attachments\": {}}")]
    [InlineData("{\"type\": \"message\", \"timestamp\": \"yesterday\"}")]
    public async Task Rejects_malformed_json_with_400(string body)
    {
        var response = await _bot.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task Rejects_activity_without_type_with_400()
    {
        var activity = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help");
        activity.Remove("type");

        var response = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await BotTestHost.ReadJsonAsync(response);
        Assert.Contains("'type'", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("serviceUrl")]
    [InlineData("conversation")]
    public async Task Rejects_activity_missing_what_a_reply_needs_with_400(string field)
    {
        var activity = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help");
        activity.Remove(field);

        var response = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/path")]
    public async Task Rejects_service_url_that_is_not_an_http_url(string serviceUrl)
    {
        var response = await _bot.PostActivityAsync(TeamsActivities.Message(serviceUrl, "help"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Rejects_huge_body_with_413()
    {
        var activity = TeamsActivities.Message(_bot.Connector.ServiceUrl, new string('x', 2 * 1024 * 1024));

        var response = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task Rejects_huge_chunked_body_without_content_length_with_413()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(
                TeamsActivities.Message(_bot.Connector.ServiceUrl, new string('y', 2 * 1024 * 1024)).Serialize()))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TransferEncodingChunked = true;

        var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("text/xml")]
    public async Task Rejects_wrong_content_type_with_415(string contentType)
    {
        var body = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help").Serialize();

        var response = await _bot.PostRawAsync(body, contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Answers_other_methods_with_405_and_says_post_is_allowed(string method)
    {
        var response = await _bot.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/messages"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Accepts_json_with_charset()
    {
        var body = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help").Serialize();

        var response = await _bot.PostRawAsync(body, contentType: "application/json; charset=utf-8");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Conversation_id_too_long_to_store_still_gets_an_answer()
    {
        var activity = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help", conversationId: "a:" + new string('z', 5000));

        var response = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_bot.Connector.Sent);
    }

    [Theory]
    [InlineData("{\"action\": \"not an object\"}")]
    [InlineData("{\"action\": {\"type\": \"Action.Submit\", \"verb\": \"help\"}}")]
    [InlineData("{\"action\": {\"type\": \"Action.Execute\"}}")]
    [InlineData("\"just text\"")]
    public async Task Card_action_invoke_with_a_broken_value_is_400(string value)
    {
        var invoke = TeamsActivities.Invoke(_bot.Connector.ServiceUrl, "adaptiveCard/action", System.Text.Json.Nodes.JsonNode.Parse(value));

        var response = await _bot.PostActivityAsync(invoke);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
