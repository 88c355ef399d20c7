using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector;
using LearningBot.Connector.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LearningBot.Tests.Support;

/// <summary>
/// A Bot Connector (v3 REST) on a real Kestrel server at a free 127.0.0.1 port. It answers the documented
/// operations (send, reply, update, delete, create conversation, members, paged members, team details,
/// channels), keeps what was sent, records every request, and can be told to fail the next requests.
/// Operation paths are accepted under any base path (e.g. <c>/_connector/v3/…</c> or <c>/teams/v3/…</c>).
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentQueue<FakeFailure> _failures = new();
    private readonly ConcurrentQueue<TimeSpan> _stalls = new();
    private readonly ConcurrentDictionary<string, SentActivity> _activities = new();
    private readonly ConcurrentQueue<SentActivity> _sent = new();
    private readonly ConcurrentQueue<ConversationParameters> _created = new();
    private int _nextId;

    private static readonly TeamDetails DefaultTeam = new() { Id = "19:team@thread.tacv2", Name = "Learning Hub", AadGroupId = "00000000-0000-0000-0000-00000000a11d" };
    private static readonly ChannelInfo[] DefaultChannels = [new ChannelInfo { Id = "19:courses@thread.tacv2", Name = "Courses" }];

    private FakeConnector(WebApplication app, X509Certificate2? certificate, string basePath)
    {
        _app = app;
        Certificate = certificate;
        BasePath = basePath;
    }

    /// <summary>The server certificate when started with HTTPS (self-signed, trusted by <see cref="CreateRoutingHandler"/>).</summary>
    public X509Certificate2? Certificate { get; }

    public string BasePath { get; }

    public int Port { get; private set; }

    /// <summary>The serviceUrl to give the bot, e.g. <c>http://127.0.0.1:PORT/_connector</c>.</summary>
    public string ServiceUrl => $"{(Certificate is null ? "http" : "https")}://127.0.0.1:{Port}{BasePath}";

    /// <summary>Conversation members returned by the members operations.</summary>
    public List<TeamsChannelAccount> Members { get; } = [];

    public TeamDetails Team { get; set; } = DefaultTeam;

    /// <summary>
    /// The team's channels besides General. <c>GET v3/teams/{teamId}/conversations</c> answers, as Teams does, with the
    /// General channel of the team asked about first (the team's id, no name), then these.
    /// </summary>
    public List<ChannelInfo> Channels { get; } = [.. DefaultChannels];

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Every message edit asked for (<c>PUT v3/conversations/{id}/activities/{activityId}</c>), in order, answered or not.</summary>
    public IReadOnlyList<MessageEdit> Edits =>
        [.. _requests.Where(r => r.Method == "PUT" && r.Segments is [_, "conversations", _, "activities", _])
            .Select(r => new MessageEdit(r.Segments[2], r.Segments[4], r))];

    /// <summary>Every activity sent or replied (in order), including ones later updated or deleted.</summary>
    public IReadOnlyList<SentActivity> Sent => [.. _sent];

    /// <summary>What a conversation shows now: sent activities, with updates applied and deletes removed.</summary>
    public IReadOnlyList<SentActivity> Current(string conversationId) =>
        [.. _activities.Values.Where(a => a.ConversationId == conversationId).OrderBy(a => a.Sequence)];

    public IReadOnlyList<ConversationParameters> CreatedConversations => [.. _created];

    /// <summary>
    /// Consulted for every <c>POST v3/conversations</c>: a failure to answer with instead of creating the conversation
    /// (for example 403 <c>BotNotInConversationRoster</c> while the app is not installed for the member), or null.
    /// </summary>
    public Func<ConversationParameters, FakeFailure?>? RefuseConversation { get; set; }

    public static async Task<FakeConnector> StartAsync(bool https = false, string basePath = "/_connector")
    {
        var certificate = https ? CreateCertificate() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));

        var app = builder.Build();
        var connector = new FakeConnector(app, certificate, basePath.TrimEnd('/'));
        app.Run(connector.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        connector.Port = new Uri(address).Port;
        return connector;
    }

    /// <summary>The next <paramref name="times"/> requests fail with <paramref name="failure"/> (queued in order).</summary>
    public void FailNext(FakeFailure failure, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _failures.Enqueue(failure);
        }
    }

    /// <summary>The next <paramref name="times"/> requests are answered only after <paramref name="delay"/> (to test client timeouts).</summary>
    public void StallNext(TimeSpan delay, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _stalls.Enqueue(delay);
        }
    }

    /// <summary>
    /// While set, a message sent, replied or updated whose body is larger than this many bytes is refused as Teams
    /// refuses one over its limit: 413 with <c>{"error":{"code":"MessageSizeTooBig","message":…}}</c>.
    /// </summary>
    public int? MaxActivityBytes { get; set; }

    /// <summary>While set, every request is answered only after this long: a connector that has stopped answering.</summary>
    public TimeSpan? StallEvery { get; set; }

    /// <summary>
    /// Back to how it started: nothing recorded, sent or queued, the default team and channels, no members. For a
    /// connector shared by the tests of a class (see <see cref="BotHostFixture"/>), called before each test.
    /// </summary>
    public void Reset()
    {
        _requests.Clear();
        _failures.Clear();
        _stalls.Clear();
        _activities.Clear();
        _sent.Clear();
        _created.Clear();
        RefuseConversation = null;
        MaxActivityBytes = null;
        Members.Clear();
        Team = DefaultTeam;
        Channels.Clear();
        Channels.AddRange(DefaultChannels);
    }

    /// <summary>
    /// A handler that connects every host name to this server and trusts only its certificate, so a client
    /// can call the real connector host names (e.g. <c>https://smba.trafficmanager.net/teams/</c>) locally.
    /// </summary>
    public SocketsHttpHandler CreateRoutingHandler() => new()
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                Certificate is not null && presented is not null
                && presented.GetCertHash(HashAlgorithmName.SHA256).AsSpan().SequenceEqual(Certificate.GetCertHash(HashAlgorithmName.SHA256)),
        },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificate?.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = await RecordAsync(context);
        _requests.Enqueue(request);

        if (_stalls.TryDequeue(out var stall) || StallEvery is { } every && (stall = every) > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(stall, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (_failures.TryDequeue(out var failure))
        {
            if (failure.Status == FakeFailure.ResetStatus)
            {
                context.Abort();
                return;
            }

            await WriteFailureAsync(context.Response, failure);
            return;
        }

        if (TooLarge(request))
        {
            await WriteErrorAsync(context.Response, 413, "MessageSizeTooBig", "The message is larger than Teams accepts.");
            return;
        }

        await DispatchAsync(context.Response, request);
    }

    private bool TooLarge(RecordedRequest request) =>
        MaxActivityBytes is { } limit
        && request.Method is "POST" or "PUT"
        && request.Segments is [_, "conversations", _, "activities", ..]
        && Encoding.UTF8.GetByteCount(request.Body) > limit;

    private static async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new RecordedRequest(context.Request.Method, rawTarget, headers, body);
    }

    private Task DispatchAsync(HttpResponse response, RecordedRequest request)
    {
        var s = request.Segments;
        return (request.Method, s.Count) switch
        {
            ("POST", 2) when s[1] == "conversations" => CreateConversationAsync(response, request),
            ("POST", 4) when s[1] == "conversations" && s[3] == "activities" => SendAsync(response, request, s[2], replyToId: null),
            ("POST", 5) when s[1] == "conversations" && s[3] == "activities" => SendAsync(response, request, s[2], replyToId: s[4]),
            ("PUT", 5) when s[1] == "conversations" && s[3] == "activities" => UpdateAsync(response, request, s[2], s[4]),
            ("DELETE", 5) when s[1] == "conversations" && s[3] == "activities" => DeleteAsync(response, s[2], s[4]),
            ("GET", 4) when s[1] == "conversations" && s[3] == "members" => WriteJsonAsync(response, 200, Members),
            ("GET", 5) when s[1] == "conversations" && s[3] == "members" => GetMemberAsync(response, s[4]),
            ("GET", 4) when s[1] == "conversations" && s[3] == "pagedmembers" => GetPagedMembersAsync(response, request),
            ("GET", 3) when s[1] == "teams" => WriteJsonAsync(response, 200, Team with { Id = s[2] }),
            ("GET", 4) when s[1] == "teams" && s[3] == "conversations" => WriteJsonAsync(response, 200, ChannelList(s[2])),
            _ => WriteErrorAsync(response, 404, "NotFound", $"No operation {request.Method} {request.Path}"),
        };
    }

    private async Task CreateConversationAsync(HttpResponse response, RecordedRequest request)
    {
        var parameters = request.BodyAs<ConversationParameters>();
        if (parameters is null || (parameters.IsGroup != true && (parameters.Members is not { Count: > 0 } || parameters.Bot is null)))
        {
            await WriteErrorAsync(response, 400, "BadArgument", "Bot and members are required for a 1:1 conversation.");
            return;
        }

        if (RefuseConversation?.Invoke(parameters) is { } refusal)
        {
            await WriteFailureAsync(response, refusal);
            return;
        }

        _created.Enqueue(parameters);
        var channelId = parameters.ChannelData is { } data && data.TryGetProperty("channel", out var channel) && channel.TryGetProperty("id", out var id) ? id.GetString() : null;
        if (parameters.IsGroup == true && channelId is not null)
        {
            var activityId = NextId();
            var conversationId = $"{channelId};messageid={activityId}";
            if (parameters.Activity is { } first)
            {
                Store(conversationId, activityId, first, replyToId: null);
            }

            await WriteJsonAsync(response, 201, new ConversationResourceResponse { Id = conversationId, ActivityId = activityId });
            return;
        }

        await WriteJsonAsync(response, 201, new ConversationResourceResponse { Id = $"a:{Guid.NewGuid():N}" });
    }

    private async Task SendAsync(HttpResponse response, RecordedRequest request, string conversationId, string? replyToId)
    {
        var activity = request.BodyAs<Activity>();
        if (activity?.Type is null)
        {
            await WriteErrorAsync(response, 400, "BadArgument", "The activity has no type.");
            return;
        }

        var activityId = NextId();
        Store(conversationId, activityId, activity, replyToId);
        await WriteJsonAsync(response, 201, new ResourceResponse { Id = activityId });
    }

    private async Task UpdateAsync(HttpResponse response, RecordedRequest request, string conversationId, string activityId)
    {
        var activity = request.BodyAs<Activity>();
        if (!_activities.TryGetValue(Key(conversationId, activityId), out var existing) || activity is null)
        {
            await WriteErrorAsync(response, 404, "NotFound", "Activity not found.");
            return;
        }

        _activities[Key(conversationId, activityId)] = existing with { Activity = activity };
        await WriteJsonAsync(response, 200, new ResourceResponse { Id = activityId });
    }

    private Task DeleteAsync(HttpResponse response, string conversationId, string activityId)
    {
        _activities.TryRemove(Key(conversationId, activityId), out _);
        response.StatusCode = 200;
        return Task.CompletedTask;
    }

    private Task GetMemberAsync(HttpResponse response, string userId) =>
        Members.FirstOrDefault(m => m.Id == userId) is { } member
            ? WriteJsonAsync(response, 200, member)
            : WriteErrorAsync(response, 404, "MemberNotFoundInConversation", "The member is not in the conversation.");

    private Task GetPagedMembersAsync(HttpResponse response, RecordedRequest request)
    {
        var query = request.QueryValues;
        var pageSize = query.TryGetValue("pageSize", out var size) ? int.Parse(size, System.Globalization.CultureInfo.InvariantCulture) : 200;
        var start = query.TryGetValue("continuationToken", out var token) ? int.Parse(token, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var page = Members.Skip(start).Take(pageSize).ToList();
        var next = start + page.Count < Members.Count ? (start + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return WriteJsonAsync(response, 200, new PagedMembersResult { Members = page, ContinuationToken = next });
    }

    private void Store(string conversationId, string activityId, Activity activity, string? replyToId)
    {
        var sent = new SentActivity(conversationId, activityId, replyToId, activity, Interlocked.Increment(ref _nextId));
        _activities[Key(conversationId, activityId)] = sent;
        _sent.Enqueue(sent);
    }

    private string NextId() => (1_700_000_000_000L + Interlocked.Increment(ref _nextId)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Key(string conversationId, string activityId) => conversationId + "\n" + activityId;

    private static async Task WriteFailureAsync(HttpResponse response, FakeFailure failure)
    {
        if (failure.RetryAfter is not null)
        {
            response.Headers.RetryAfter = failure.RetryAfter;
        }

        if (failure.Body is not null)
        {
            response.StatusCode = failure.Status;
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(failure.Body);
            return;
        }

        await WriteErrorAsync(response, failure.Status, failure.Code ?? ((HttpStatusCode)failure.Status).ToString(), failure.Message ?? "Failure requested by the test.");
    }

    private static Task WriteErrorAsync(HttpResponse response, int status, string code, string message) =>
        WriteJsonAsync(response, status, new ErrorResponse(new ErrorDetail(code, message)));

    /// <summary>The documented shape: <c>{"conversations":[{"id","name"}]}</c>, General first with <c>"name": null</c>.</summary>
    private JsonObject ChannelList(string teamId)
    {
        var conversations = new JsonArray(new JsonObject { ["id"] = teamId, ["name"] = null });
        foreach (var channel in Channels)
        {
            conversations.Add(new JsonObject { ["id"] = channel.Id, ["name"] = channel.Name });
        }

        return new JsonObject { ["conversations"] = conversations };
    }

    private static async Task WriteJsonAsync<T>(HttpResponse response, int status, T body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        await response.WriteAsync(JsonSerializer.Serialize(body, BotJson.Options));
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Fake Bot Connector", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var ephemeral = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), null);
    }
}

/// <summary>One request as it reached the connector.</summary>
public sealed record RecordedRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The raw path, still escaped, without the query.</summary>
    public string Path => RawTarget.Split('?', 2)[0];

    /// <summary>Unescaped path segments from <c>v3</c> on, e.g. <c>["v3","conversations","a:1","activities"]</c>.</summary>
    public IReadOnlyList<string> Segments
    {
        get
        {
            var all = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            var v3 = Array.IndexOf(all, "v3");
            return v3 < 0 ? [] : all[v3..].Select(Uri.UnescapeDataString).ToList();
        }
    }

    public IReadOnlyDictionary<string, string> QueryValues =>
        RawTarget.Contains('?')
            ? RawTarget.Split('?', 2)[1].Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : string.Empty)
            : new Dictionary<string, string>();

    public string? Authorization => Headers.TryGetValue("Authorization", out var value) ? value : null;

    public T? BodyAs<T>() => string.IsNullOrEmpty(Body) ? default : JsonSerializer.Deserialize<T>(Body, BotJson.Options);

    public JsonObject? BodyJson => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body)?.AsObject();
}

/// <summary>A failure the connector answers with: a status, an optional Retry-After and an error body (code/message, or a raw body).</summary>
public sealed record FakeFailure(int Status, string? Code = null, string? Message = null, string? RetryAfter = null, string? Body = null)
{
    /// <summary>The status that means "no answer at all": the connection is reset.</summary>
    public const int ResetStatus = 0;

    /// <summary>The connection is dropped without an answer (a reset).</summary>
    public static FakeFailure Reset { get; } = new(ResetStatus);
}

/// <summary>A message edit as it reached the connector: which message, and the activity sent to replace it.</summary>
public sealed record MessageEdit(string ConversationId, string ActivityId, RecordedRequest Request)
{
    public Activity Activity => Request.BodyAs<Activity>() ?? throw new InvalidOperationException("The edit carried no activity.");
}

/// <summary>An activity the bot sent to a conversation and the id the connector gave it.</summary>
public sealed record SentActivity(string ConversationId, string ActivityId, string? ReplyToId, Activity Activity, int Sequence);
