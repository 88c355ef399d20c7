using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Hosting;

/// <summary>Whatever arrives at /api/messages, the answer is a clear 4xx, never a 500, and nothing is sent.</summary>
public sealed class BadInputTests(BotHostFixture host, AuthenticatedBotFixture authenticated)
    : IClassFixture<BotHostFixture>, IClassFixture<AuthenticatedBotFixture>
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

    /// <summary>
    /// Bodies of every shape the serializer or the readers after it could stumble on, each a Teams message with one
    /// member replaced (or, for <c>*</c>, the whole body). Nothing in them is read before the token is checked, so
    /// without a token each is 401; with a valid token (or in a local run) each is 400, except where the
    /// <c>serviceUrl</c> cannot be read at all, so a Bot Connector token cannot be matched to the request (401).
    /// Never 500, and nothing is sent.
    /// </summary>
    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "channelData", """{ "tenant": 5 }""" },
        { "channelData", """{ "tenant": { "id": 5 } }""" },
        { "channelData", """{ "tenant": { "id": ["t"] } }""" },
        { "channelData", """{ "tenant": "72f988bf-0000-4000-8000-2d7cd011db47" }""" },
        { "channelData", """{ "channel": "x" }""" },
        { "channelData", """{ "team": [1, 2] }""" },
        { "channelData", """{ "team": { "id": { "id": "x" } } }""" },
        { "channelData", """{ "eventType": { "a": 1 } }""" },
        { "channelData", """{ "settings": { "selectedChannel": 7 } }""" },
        { "channelData", """{ "notification": { "alert": "yes" } }""" },
        { "channelData", "\"str\"" },
        { "channelData", "[1, { \"tenant\": { \"id\": \"t\" } }]" },
        { "channelData", "42" },
        { "channelData", "true" },
        { "channelData", Nested(200) },
        { "channelData", """{ "tenant": { "id": "t" }, "team": """ + Nested(40) + " }" },
        { "from", "\"29:1-alex\"" },
        { "from", "[]" },
        { "from", """{ "id": 5 }""" },
        { "from", """{ "id": "29:1-alex", "aadObjectId": { "id": "x" } }""" },
        { "from", """{ "id": "29:1-alex", "name": [1] }""" },
        { "recipient", "7" },
        { "conversation", "\"a:1\"" },
        { "conversation", """{ "id": 5 }""" },
        { "conversation", """{ "id": "a:1", "tenantId": 5 }""" },
        { "conversation", """{ "id": "a:1", "isGroup": "yes" }""" },
        { "conversation", "[]" },
        { "entities", "{}" },
        { "entities", "\"mention\"" },
        { "entities", "[5]" },
        { "entities", "[null]" },
        { "entities", """[{ "type": 5 }]""" },
        { "entities", """[{ "type": "mention", "mentioned": "28:learningbot" }]""" },
        { "entities", """[{ "type": "mention", "mentioned": { "id": 5 } }]""" },
        { "entities", """[{ "type": "mention", "mentioned": { "id": "28:learningbot" }, "text": 42 }]""" },
        { "entities", """[{ "type": "mention", "text": "<at>LearningBot</at>", "Text": "<at>x</at>" }]""" },
        { "attachments", "{}" },
        { "attachments", "[null]" },
        { "attachments", "[5]" },
        { "membersAdded", "[null]" },
        { "membersAdded", "\"all\"" },
        { "suggestedActions", """{ "actions": [null] }""" },
        { "type", "5" },
        { "type", "\"\"" },
        { "text", """{ "a": 1 }""" },
        { "timestamp", "\"yesterday\"" },
        { "channelId", "5" },
        { "channelId", "null" },
        { "serviceUrl", "5" },
        { "serviceUrl", "\"not a url\"" },
        { "id", "[]" },
        { "value", "{ \"verb\": { \"deep\": " + Nested(100) + " } }" },
        { "*", "{" },
        { "*", "not json at all" },
        { "*", "[]" },
        { "*", "null" },
        { "*", "\"message\"" },
        { "*", Nested(5000) },
        { "*", "{\"type\": \"message\", \"serviceUrl\": \"https://smba.trafficmanager.net/teams/\"" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Malformed_bodies_are_401_without_a_token_and_400_with_one(string member, string json)
    {
        var body = MalformedBody(member, json);
        // Nested deeper than the serializer reads (64), the body gives nothing, not even its serviceUrl.
        var serviceUrlReadable = member is not ("*" or "serviceUrl") && Depth(json) + 2 <= 64;

        var withoutToken = await authenticated.Bot.PostRawAsync(body);
        var withToken = await authenticated.Bot.PostRawAsync(body, authenticated.Issuer.CreateToken());
        var localRun = await _bot.PostRawAsync(body);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Contains(withToken.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        if (serviceUrlReadable)
        {
            Assert.Equal(HttpStatusCode.BadRequest, withToken.StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, localRun.StatusCode);
        Assert.Empty(authenticated.Bot.Connector.Requests);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task A_refusal_does_not_say_which_check_failed()
    {
        var message = TeamsActivities.Message(TestTokenIssuer.ServiceUrl, "help");
        var otherServiceUrl = authenticated.Issuer.CreateToken(spec => spec.ServiceUrl = "https://smba.trafficmanager.net/emea/");
        var otherBot = authenticated.Issuer.CreateToken(spec => spec.Audience = Guid.NewGuid().ToString());

        var answers = new[]
        {
            await authenticated.Bot.PostActivityAsync(message),
            await authenticated.Bot.PostActivityAsync(message, "not-a-jwt"),
            await authenticated.Bot.PostActivityAsync(message, otherServiceUrl),
            await authenticated.Bot.PostActivityAsync(message, otherBot),
        };

        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Equal(
                $$$"""{"error":{"code":"Unauthorized","message":"{{{BotAdapter.NotAuthorized}}}"}}""",
                await answer.Content.ReadAsStringAsync());
        }
    }

    private static string MalformedBody(string member, string json)
    {
        if (member == "*")
        {
            return json;
        }

        var activity = member == "value"
            ? TeamsActivities.Invoke(TestTokenIssuer.ServiceUrl, "adaptiveCard/action")
            : TeamsActivities.Message(TestTokenIssuer.ServiceUrl, "help");
        activity[member] = "\u0001";
        return activity.ToJsonString().Replace("\"\\u0001\"", json, StringComparison.Ordinal);
    }

    private static int Depth(string json)
    {
        int depth = 0, deepest = 0;
        foreach (var c in json)
        {
            depth += c is '[' or '{' ? 1 : c is ']' or '}' ? -1 : 0;
            deepest = Math.Max(deepest, depth);
        }

        return deepest;
    }

    /// <summary>Arrays nested <paramref name="depth"/> deep.</summary>
    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

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
        var activity = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help", conversationId: "a:" + new string('z', 2000));

        var response = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_bot.Connector.Sent);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("replyToId")]
    [InlineData("from")]
    [InlineData("conversation")]
    public async Task Rejects_ids_far_longer_than_teams_sends_with_400(string member)
    {
        var activity = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help");
        var longId = "a:" + new string('z', 20_000);
        if (activity[member] is JsonObject account)
        {
            account["id"] = longId;
        }
        else
        {
            activity[member] = longId;
        }

        var response = await _bot.PostActivityAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_bot.Connector.Requests);
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
