using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace LearningBot.Bench.FanoutBench.Simulator;

/// <summary>
/// A Bot Connector on loopback for one bot in one tenant. It answers the v3 conversation calls a delivery makes with the
/// documented JSON, enforces Teams' rate limits (429 with Retry-After), injects 503s and connection resets into message
/// posts to recipients, and records what each recipient's conversation received. Until <see cref="BeginMeasuring"/>
/// it only answers (setting up: no limits, no faults, nothing counted as delivered). The driver's own conversations
/// (the sender's, the latency probe's) are not recipients: their posts are never faulted and replies there complete
/// the turns the driver waits for.
/// </summary>
internal sealed class ConnectorSimulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SimulatorOptions _options;
    private readonly RateLimits _limits = new(TimeProvider.System);
    private readonly DeliveryLedger _ledger = new();
    private readonly ConcurrentDictionary<string, byte> _driverConversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<long>> _waiting = new(StringComparer.Ordinal);
    private readonly Random _faults;
    private readonly Lock _faultGate = new();
    private SimulatorCounters _counters = new();
    private long _mark = TimeProvider.System.GetTimestamp();
    private long _activityIds;
    private volatile bool _measuring;

    private ConnectorSimulator(WebApplication app, SimulatorOptions options)
    {
        _app = app;
        _options = options;
        _faults = new Random(options.Seed);
    }

    /// <summary>The base address the bot posts to (ends with '/').</summary>
    public Uri ServiceUrl { get; private set; } = null!;

    public static async Task<ConnectorSimulator> StartAsync(SimulatorOptions options, int port = 0, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxConcurrentConnections = null;
        });
        var app = builder.Build();
        var simulator = new ConnectorSimulator(app, options);
        simulator.MapRoutes();
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        simulator.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return simulator;
    }

    /// <summary>Starts the measured phase: counters and ledger cleared, limits and faults on, times counted from now.</summary>
    public void BeginMeasuring()
    {
        _counters = new SimulatorCounters();
        _ledger.Clear();
        _limits.ResetPeaks();
        Interlocked.Exchange(ref _mark, TimeProvider.System.GetTimestamp());
        _measuring = true;
    }

    /// <summary>Moves the zero of the times in <see cref="Stats"/> to now (e.g. when the send is pressed).</summary>
    public void Mark() => Interlocked.Exchange(ref _mark, TimeProvider.System.GetTimestamp());

    /// <summary>A conversation the driver plays in, not a recipient.</summary>
    public void AddDriverConversation(string conversationId) => _driverConversations[conversationId] = 0;

    /// <summary>Completes with the arrival timestamp when the bot replies to <paramref name="activityId"/>.</summary>
    public Task<long> ExpectReply(string activityId)
    {
        var arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[activityId] = arrival;
        return arrival.Task;
    }

    public void Forget(string activityId) => _waiting.TryRemove(activityId, out _);

    public SimulatorStats Stats => _counters.Snapshot(TimeProvider.System.GetElapsedTime(Interlocked.Read(ref _mark)).TotalSeconds, _ledger.Counts, _limits.Peaks);

    /// <summary>The person ids whose chats received at least one message in the measured phase.</summary>
    public IReadOnlyList<string> Recipients() => [.. _ledger.Recipients().Select(c => BenchIds.PersonOfChat(c) ?? c)];

    private void MapRoutes()
    {
        _app.MapPost("/v3/conversations", CreateConversationAsync);
        _app.MapPost("/v3/conversations/{conversationId}/activities", context => ActivityAsync(context, Operations.Send));
        _app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", context => ActivityAsync(context, Operations.Reply));
        _app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", context => ActivityAsync(context, Operations.Update));
        _app.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", DeleteAsync);
        _app.MapGet("/v3/conversations/{conversationId}/members", context => MembersAsync(context, one: false));
        _app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", context => MembersAsync(context, one: true));
        _app.MapGet("/stats", context => WriteJsonAsync(context, HttpStatusCode.OK, Stats.ToJson()));
        _app.MapPost("/measure", context =>
        {
            BeginMeasuring();
            return WriteJsonAsync(context, HttpStatusCode.OK, "{}");
        });
        _app.Map("/{**path}", UnexpectedAsync);
    }

    private async Task CreateConversationAsync(HttpContext context)
    {
        if (!await AdmitAsync(context, Operations.Create, conversationId: null))
        {
            return;
        }

        using var body = await ReadJsonAsync(context);
        var member = body?.RootElement.TryGetProperty("members", out var members) == true && members.ValueKind == JsonValueKind.Array && members.GetArrayLength() > 0
            ? members[0]
            : default;
        if (member.ValueKind != JsonValueKind.Object)
        {
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "BadArgument", "A personal conversation needs one member.");
            return;
        }

        var person = BenchIds.PersonOfMember(StringProperty(member, "aadObjectId"), StringProperty(member, "id"));
        if (_options.PeopleWithoutTeams.Contains(person))
        {
            _counters.RefusedWithoutTeams();
            await WriteErrorAsync(context, HttpStatusCode.Forbidden, "BotNotInConversationRoster", "The bot is not installed for this user.");
            return;
        }

        _counters.Created();
        var conversationId = BenchIds.ChatId(person);
        string? activityId = null;
        if (body!.RootElement.TryGetProperty("activity", out var first) && first.ValueKind == JsonValueKind.Object)
        {
            activityId = NextActivityId();
            Receive(conversationId, Operations.Send, first, activityId: null);
        }

        var answer = JsonSerializer.Serialize(new Dictionary<string, string?> { ["id"] = conversationId, ["activityId"] = activityId, ["serviceUrl"] = ServiceUrl.ToString() });
        await WriteJsonAsync(context, HttpStatusCode.Created, answer);
    }

    private async Task ActivityAsync(HttpContext context, string operation)
    {
        var conversationId = (string)context.Request.RouteValues["conversationId"]!;
        var activityId = context.Request.RouteValues["activityId"] as string;
        if (!await AdmitAsync(context, operation, conversationId))
        {
            return;
        }

        using var body = await ReadJsonAsync(context);
        if (body is null)
        {
            await WriteErrorAsync(context, HttpStatusCode.BadRequest, "BadArgument", "The body must be an activity.");
            return;
        }

        if (operation == Operations.Send && IsRecipient(conversationId) && _measuring && _options.InjectFaults)
        {
            var roll = NextRoll();
            if (roll < _options.ServiceUnavailableRate)
            {
                _counters.Injected503();
                await WriteErrorAsync(context, HttpStatusCode.ServiceUnavailable, "ServiceError", "The service is busy; try again.");
                return;
            }

            if (roll < _options.ServiceUnavailableRate + _options.ConnectionResetRate)
            {
                _counters.InjectedReset();
                context.Abort();
                return;
            }
        }

        var id = operation == Operations.Update ? activityId! : NextActivityId();
        Receive(conversationId, operation, body.RootElement, activityId);
        await WriteJsonAsync(context, operation == Operations.Update ? HttpStatusCode.OK : HttpStatusCode.Created, $"{{\"id\":\"{id}\"}}");
    }

    private async Task DeleteAsync(HttpContext context)
    {
        if (await AdmitAsync(context, Operations.Delete, (string)context.Request.RouteValues["conversationId"]!))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }

    private async Task MembersAsync(HttpContext context, bool one)
    {
        var conversationId = (string)context.Request.RouteValues["conversationId"]!;
        if (!await AdmitAsync(context, Operations.Members, conversationId))
        {
            return;
        }

        var person = BenchIds.PersonOfChat(conversationId) ?? BenchIds.PersonOfMember(null, context.Request.RouteValues["memberId"] as string);
        var member = new Dictionary<string, string>
        {
            ["id"] = BenchIds.TeamsUserId(person),
            ["name"] = "Bench Person",
            ["aadObjectId"] = person,
            ["objectId"] = person,
            ["userRole"] = "user",
            ["tenantId"] = BenchIds.TenantId,
        };
        await WriteJsonAsync(context, HttpStatusCode.OK, one ? JsonSerializer.Serialize(member) : JsonSerializer.Serialize(new[] { member }));
    }

    private Task UnexpectedAsync(HttpContext context)
    {
        _counters.Unexpected($"{context.Request.Method} {context.Request.Path}");
        return WriteErrorAsync(context, HttpStatusCode.NotFound, "NotFound", "The simulator does not answer this call.");
    }

    /// <summary>Counts the request against the limits; answers 429 with Retry-After when one is exceeded.</summary>
    private async Task<bool> AdmitAsync(HttpContext context, string operation, string? conversationId)
    {
        _counters.Request(operation);
        var admission = _limits.Admit(conversationId, _measuring && _options.EnforceLimits);
        if (admission.Admitted)
        {
            return true;
        }

        _counters.Throttled(byTenant: admission.Limit!.EndsWith("tenant", StringComparison.Ordinal), turnReply: operation == Operations.Reply);
        context.Response.Headers.RetryAfter = admission.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await WriteErrorAsync(context, HttpStatusCode.TooManyRequests, "Throttled", $"Too many requests: {admission.Limit}.");
        return false;
    }

    private void Receive(string conversationId, string operation, JsonElement activity, string? activityId)
    {
        if (!IsRecipient(conversationId))
        {
            _counters.Progress(CardText(activity), isUpdate: operation == Operations.Update);
            var replyTo = activityId ?? StringProperty(activity, "replyToId");
            if (operation != Operations.Update && replyTo is not null && _waiting.TryRemove(replyTo, out var turn))
            {
                turn.TrySetResult(TimeProvider.System.GetTimestamp());
            }

            return;
        }

        if (_measuring && operation == Operations.Send && StringProperty(activity, "type") is "message")
        {
            _ledger.Record(conversationId, ContentHash(activity), TimeProvider.System.GetElapsedTime(Interlocked.Read(ref _mark)));
        }
    }

    private bool IsRecipient(string conversationId) => !_driverConversations.ContainsKey(conversationId);

    private double NextRoll()
    {
        lock (_faultGate)
        {
            return _faults.NextDouble();
        }
    }

    private string NextActivityId() => "1:" + Interlocked.Increment(ref _activityIds).ToString(CultureInfo.InvariantCulture);

    /// <summary>What a person sees of a message: its text and attachments (ids, timestamps and routing left out).</summary>
    private static string ContentHash(JsonElement activity)
    {
        var content = new StringBuilder();
        foreach (var name in (ReadOnlySpan<string>)["text", "summary", "attachments", "attachmentLayout"])
        {
            if (activity.TryGetProperty(name, out var value))
            {
                content.Append(name).Append('=').Append(value.GetRawText()).Append('\n');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ToString())))[..16];
    }

    /// <summary>The text blocks of the activity's card (or its text), joined: what the progress card says.</summary>
    private static string? CardText(JsonElement activity)
    {
        var texts = new List<string>();
        if (activity.TryGetProperty("attachments", out var attachments))
        {
            CollectTexts(attachments, texts);
        }

        if (texts.Count == 0 && StringProperty(activity, "text") is { } text)
        {
            texts.Add(text);
        }

        var joined = string.Join(" | ", texts);
        return joined.Length == 0 ? null : joined[..Math.Min(joined.Length, 400)];
    }

    private static void CollectTexts(JsonElement element, List<string> texts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("text") && property.Value.ValueKind == JsonValueKind.String)
                    {
                        texts.Add(property.Value.GetString()!);
                    }
                    else if (!property.NameEquals("actions"))
                    {
                        CollectTexts(property.Value, texts);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectTexts(item, texts);
                }

                break;
            default:
                break;
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<JsonDocument?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task WriteErrorAsync(HttpContext context, HttpStatusCode status, string code, string message) =>
        WriteJsonAsync(context, status, JsonSerializer.Serialize(new Dictionary<string, Dictionary<string, string>>
        {
            ["error"] = new() { ["code"] = code, ["message"] = message },
        }));

    private static async Task WriteJsonAsync(HttpContext context, HttpStatusCode status, string json)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static class Operations
    {
        public const string Create = "createConversation";
        public const string Send = "sendToConversation";
        public const string Reply = "replyToActivity";
        public const string Update = "updateActivity";
        public const string Delete = "deleteActivity";
        public const string Members = "getMembers";
    }
}
