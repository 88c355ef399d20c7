using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Hosting;

/// <summary>
/// Hostile HTTP at /api/messages (rules 1.2 and 1.3 of docs/protocol-conformance.md): content types and encodings, bodies
/// that never finish, repeated headers and members, numbers no activity holds. Always a 4xx, never a 500, nothing sent.
/// </summary>
public sealed class HostileHttpTests(HostileHttpTests.QuickBodyBotFixture host, AuthenticatedBotFixture authenticated)
    : IClassFixture<HostileHttpTests.QuickBodyBotFixture>, IClassFixture<AuthenticatedBotFixture>
{
    private readonly BotTestHost _bot = host.ForTest();
    private readonly BotTestHost _authenticated = ResetConnector(authenticated.Bot);

    /// <summary>A local run that waits at most a second for a request body.</summary>
    public sealed class QuickBodyBotFixture : BotHostFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?> { ["BotHosting:BodyReadTimeout"] = "00:00:01" };
    }

    [Theory]
    [InlineData("application/jsonp")]
    [InlineData("application/json-seq")]
    [InlineData("text/plain; note=+json")]
    [InlineData("multipart/form-data; boundary=json")]
    public async Task Rejects_a_content_type_that_only_mentions_json_with_415(string contentType)
    {
        var response = await _bot.PostRawAsync(Help(_bot), contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task Rejects_a_body_without_a_content_type_with_415()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Help(_bot))) };

        var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Theory]
    [InlineData("application/vnd.api+json")]
    [InlineData("APPLICATION/JSON")]
    public async Task Accepts_json_media_types_in_any_case_and_with_a_json_suffix(string contentType)
    {
        var response = await _bot.PostRawAsync(Help(_bot), contentType: contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("gzip, identity")]
    public async Task Rejects_a_compressed_body_with_415_and_never_inflates_it(string encoding)
    {
        // 64 MiB of spaces (valid JSON whitespace once inflated) compress to about 64 KiB.
        using var request = PostBytes(GzipBomb(64 * 1024 * 1024), authenticated.Issuer.CreateToken());
        request.Content!.Headers.TryAddWithoutValidation("Content-Encoding", encoding);

        var response = await _authenticated.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_authenticated.Connector.Requests);
    }

    [Fact]
    public async Task Accepts_a_body_that_says_it_is_not_encoded()
    {
        using var request = PostBytes(Encoding.UTF8.GetBytes(Help(_bot)));
        request.Content!.Headers.ContentEncoding.Add("identity");

        var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_answered_408_once_the_read_timeout_passes()
    {
        var release = new TaskCompletionSource();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StalledContent(Encoding.UTF8.GetBytes("""{"type":"message","text":"""), release.Task),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var started = TimeProvider.System.GetTimestamp();

        try
        {
            var response = await _bot.Client.SendAsync(request).WaitAsync(TimeSpan.FromSeconds(20));

            Assert.Equal(HttpStatusCode.RequestTimeout, response.StatusCode);
            Assert.InRange(TimeProvider.System.GetElapsedTime(started), TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
            Assert.Empty(_bot.Connector.Requests);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Two_authorization_headers_are_401_even_when_both_are_valid(bool secondIsValid)
    {
        var token = authenticated.Issuer.CreateToken();
        using var request = PostBytes(Encoding.UTF8.GetBytes(TeamsActivities.Message(TestTokenIssuer.ServiceUrl, "help").Serialize()));
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + token, secondIsValid ? "Bearer " + token : "Bearer forged"]);

        var response = await _authenticated.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_authenticated.Connector.Requests);
    }

    [Theory]
    [InlineData("Bearer {0},")]
    [InlineData("Bearer {0}, Bearer {0}")]
    [InlineData("Bearer Bearer {0}")]
    [InlineData("Bearer \"{0}\"")]
    public async Task A_valid_token_in_a_malformed_header_is_401(string format)
    {
        using var request = PostBytes(Encoding.UTF8.GetBytes(TeamsActivities.Message(TestTokenIssuer.ServiceUrl, "help").Serialize()));
        request.Headers.TryAddWithoutValidation("Authorization", string.Format(System.Globalization.CultureInfo.InvariantCulture, format, authenticated.Issuer.CreateToken()));

        var response = await _authenticated.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_authenticated.Connector.Requests);
    }

    [Fact]
    public async Task An_empty_body_is_401_without_a_token_and_with_one_and_400_in_a_local_run()
    {
        var withoutToken = await _authenticated.PostRawAsync(string.Empty);
        var withToken = await _authenticated.PostRawAsync(string.Empty, authenticated.Issuer.CreateToken());
        var localRun = await _bot.PostRawAsync(string.Empty);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode); // no serviceUrl to match the token's claim
        Assert.Equal(HttpStatusCode.BadRequest, localRun.StatusCode);
    }

    [Fact]
    public async Task A_second_service_url_in_the_body_is_the_one_the_token_is_checked_against()
    {
        // The token is for the first serviceUrl; the serializer keeps the last, so the request must be refused.
        var body = TeamsActivities.Message(TestTokenIssuer.ServiceUrl, "help").Serialize()
            .Replace(
                $"\"serviceUrl\":\"{TestTokenIssuer.ServiceUrl}\"",
                $"\"serviceUrl\":\"{TestTokenIssuer.ServiceUrl}\",\"serviceUrl\":\"https://smba.trafficmanager.net/emea/\"",
                StringComparison.Ordinal);
        Assert.Contains("emea", body, StringComparison.Ordinal);

        var response = await _authenticated.PostRawAsync(body, authenticated.Issuer.CreateToken());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_authenticated.Connector.Requests);
    }

    [Theory]
    [InlineData("serviceUrl")]
    [InlineData("channelId")]
    [InlineData("text")]
    [InlineData("extra")]
    public async Task A_body_that_is_not_utf8_is_401_without_a_token_and_with_one_and_400_in_a_local_run(string member)
    {
        var withoutToken = await _authenticated.Client.SendAsync(PostBytes(NotUtf8(TestTokenIssuer.ServiceUrl, member)));
        var withToken = await _authenticated.Client.SendAsync(PostBytes(NotUtf8(TestTokenIssuer.ServiceUrl, member), authenticated.Issuer.CreateToken()));
        var localRun = await _bot.Client.SendAsync(PostBytes(NotUtf8(_bot.Connector.ServiceUrl, member)));

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withToken.StatusCode); // nothing read, so no serviceUrl to match
        Assert.Equal(HttpStatusCode.BadRequest, localRun.StatusCode);
        Assert.Empty(_authenticated.Connector.Requests);
        Assert.Empty(_bot.Connector.Requests);
    }

    [Fact]
    public async Task A_body_sent_as_utf16_is_400_in_a_local_run()
    {
        using var request = PostBytes(Encoding.Unicode.GetBytes(Help(_bot)));
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-16");

        var response = await _bot.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("id")]
    [InlineData("from")]
    [InlineData("conversation")]
    [InlineData("locale")]
    [InlineData("value")]
    public async Task A_lone_surrogate_is_never_a_server_error(string member)
    {
        var activity = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help");
        var placeholder = "\u0001";
        if (activity[member] is System.Text.Json.Nodes.JsonObject account)
        {
            account["id"] = "29:" + placeholder;
        }
        else
        {
            activity[member] = "help " + placeholder;
        }

        // An escaped high surrogate with no low one after it: valid JSON, not a valid string.
        var body = activity.ToJsonString().Replace("\\u0001", "\\uD800", StringComparison.Ordinal);
        Assert.Contains("\\uD800", body, StringComparison.Ordinal);

        var response = await _bot.PostRawAsync(body);

        Assert.InRange((int)response.StatusCode, 200, 499);
    }

    [Theory]
    [InlineData("timestamp", "1e400")]
    [InlineData("localTimestamp", "-1e400")]
    [InlineData("text", "1e400")]
    [InlineData("id", "123456789012345678901234567890123456789012345678901234567890")]
    [InlineData("channelData", "{ \"tenant\": { \"id\": 1e400 } }")]
    [InlineData("value", "1e400")]
    [InlineData("extra", "1e400")]
    [InlineData("extra", "-0.0000000000000000000000000000000000000000000000001e-400")]
    public async Task A_number_no_activity_holds_is_never_a_server_error(string member, string number)
    {
        var activity = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help");
        activity[member] = "\u0001";
        var body = activity.ToJsonString().Replace("\"\\u0001\"", number, StringComparison.Ordinal);

        var response = await _bot.PostRawAsync(body);

        Assert.InRange((int)response.StatusCode, 200, 499);
    }

    [Fact]
    public async Task A_ten_thousand_digit_number_is_never_a_server_error()
    {
        var activity = TeamsActivities.Message(_bot.Connector.ServiceUrl, "help");
        activity["extra"] = "\u0001";
        var body = activity.ToJsonString().Replace("\"\\u0001\"", new string('9', 10_000), StringComparison.Ordinal);

        var response = await _bot.PostRawAsync(body);

        Assert.InRange((int)response.StatusCode, 200, 499);
    }

    private static BotTestHost ResetConnector(BotTestHost bot)
    {
        bot.Connector.Reset();
        return bot;
    }

    private static string Help(BotTestHost bot) => TeamsActivities.Message(bot.Connector.ServiceUrl, "help").Serialize();

    /// <summary>A Teams message whose <paramref name="member"/> holds a string with a byte sequence that is not UTF-8.</summary>
    private static byte[] NotUtf8(string serviceUrl, string member)
    {
        var activity = TeamsActivities.Message(serviceUrl, "help");
        activity[member] = member == "serviceUrl" ? serviceUrl + "\u0001" : "a\u0001";
        var body = Encoding.UTF8.GetBytes(activity.ToJsonString().Replace("\\u0001", "\u0001\u0001", StringComparison.Ordinal));
        var at = Array.IndexOf(body, (byte)1);
        body[at] = 0xC3; // a lead byte followed by an ASCII byte
        body[at + 1] = (byte)'(';
        return body;
    }

    private static HttpRequestMessage PostBytes(byte[] body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static byte[] GzipBomb(int inflatedLength)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[64 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var written = 0; written < inflatedLength; written += spaces.Length)
            {
                gzip.Write(spaces);
            }
        }

        return compressed.ToArray();
    }

    /// <summary>A chunked body that sends its first bytes and then nothing until released.</summary>
    private sealed class StalledContent(byte[] prefix, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(prefix);
            await stream.FlushAsync();
            await release;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
