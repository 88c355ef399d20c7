using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using LearningBot.Connector.Hosting;
using LearningBot.Telemetry;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LearningBot.Tests.Telemetry;

/// <summary>
/// Real turns through the bot with telemetry on, configured as in production (the same registration, Azure Monitor
/// exporter included, sending to a local stand-in for the ingestion endpoint) plus in-memory exporters behind it:
/// a turn is one trace with the expected spans, and nothing anyone could be identified by leaves the bot.
/// </summary>
public sealed class TelemetryPrivacyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string SenderName = "Marigold Featherstonehaugh";
    private const string SenderId = "29:1MarigoldQz7Kp";
    private const string SenderAadObjectId = "4f1d9c2e-7b3a-4e5f-9a8b-c0d1e2f3a4b5";
    private static readonly TestPerson Sender = new(SenderId, SenderAadObjectId, SenderName);
    private const string ConversationId = "a:1PrivacyConvXq93Lw";
    private const string MentionedName = "Zebedee Quillfeather";
    private const string Email = "zebedee.quillfeather@example.org";
    private const string Question = $"Hi, it's {MentionedName} ({Email}). How do I get a mentor for my xylophonic rotation?";

    /// <summary>Everything that must never appear, and fragments that survive URL-encoding or key-encoding.</summary>
    private static readonly string[] Secrets =
    [
        SenderName, "Marigold", "Featherstonehaugh", SenderId, "1MarigoldQz7Kp", SenderAadObjectId, "c0d1e2f3a4b5",
        ConversationId, "1PrivacyConvXq93Lw", MentionedName, "Zebedee", "Quillfeather", Email, "xylophonic", Question,
    ];

    private readonly LockedList<Activity> _spans = new();
    private readonly LockedList<MetricSnapshot> _metrics = new();
    private readonly LockedList<LogRecord> _logs = new();
    private FakeIngestion _ingestion = null!;
    private BotTestHost _bot = null!;

    public async Task InitializeAsync()
    {
        _ingestion = await FakeIngestion.StartAsync();
        _bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?>
            {
                [TelemetryServiceCollectionExtensions.ConnectionStringSetting] = _ingestion.ConnectionString,
                // Every level the bot logs at, so every log call on the way is checked.
                ["Logging:LogLevel:Default"] = "Debug",
            },
            services =>
            {
                // Exporter settings only: keep every trace, nothing on disk, no live-metrics connection.
                services.Configure<AzureMonitorOptions>(options =>
                {
                    options.SamplingRatio = 1.0F;
                    options.TracesPerSecond = null;
                    options.EnableLiveMetrics = false;
                    options.DisableOfflineStorage = true;
                });
                // Registered after the bot's telemetry, so these see exactly what the Azure Monitor exporter sees.
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
                services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(_logs));
            });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _ingestion.DisposeAsync();
    }

    [Fact]
    public async Task A_turn_is_one_trace_request_then_turn_then_capability_with_storage_and_connector_calls_inside()
    {
        // The first reply is throttled once, so the retry shows too.
        _bot.Connector.FailNext(new FakeFailure(429, "Throttled", "Slow down", RetryAfter: "0"));

        var traceId = await PostAsync(Message(Question));
        await FlushAsync(traceId);

        var trace = _spans.Where(span => span.TraceId == traceId).ToList();
        var request = Assert.Single(trace, span => span.Kind == ActivityKind.Server && span.GetTagItem("http.route") as string == "/api/messages");
        var turn = Assert.Single(trace, span => span.Source.Name == BotTelemetry.Name && span.OperationName == TurnTelemetry.SpanName);
        Assert.Equal(request.SpanId, turn.ParentSpanId);
        Assert.Equal("message", turn.GetTagItem(TelemetryTags.ActivityType));
        Assert.Equal("personal", turn.GetTagItem(TelemetryTags.ConversationType));
        Assert.Equal("message", turn.GetTagItem(TelemetryTags.RouteKind));
        Assert.Equal("message", turn.GetTagItem(TelemetryTags.Route));
        Assert.Equal("OneStopShop", turn.GetTagItem(TelemetryTags.Capability));
        Assert.Equal(TurnOutcomes.Ok, turn.GetTagItem(TelemetryTags.Outcome));

        var capability = Assert.Single(trace, span => span.OperationName == "capability OneStopShop");
        Assert.Equal(turn.SpanId, capability.ParentSpanId);
        Assert.Equal(TurnOutcomes.Ok, capability.GetTagItem(TelemetryTags.Outcome));

        var storage = trace.Where(IsStorageCall).ToList();
        Assert.NotEmpty(storage);
        Assert.All(storage, span => Assert.Contains(turn, Ancestors(span, trace)));
        Assert.Contains(storage, span => Ancestors(span, trace).Contains(capability));

        var reply = Assert.Single(trace, span => span.DisplayName == "BotConnector ReplyToActivity");
        Assert.Contains(capability, Ancestors(reply, trace));
        Assert.Equal(2, reply.GetTagItem(TelemetryTags.ConnectorAttempts));
        Assert.Equal(201, reply.GetTagItem(TelemetryTags.HttpStatusCode));
        var attempts = trace.Where(span => IsCallTo(span, _bot.Connector.Port)).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.All(attempts, attempt => Assert.Equal(reply.SpanId, attempt.ParentSpanId));
        Assert.All(attempts, attempt => Assert.Matches(
            @"^http://127\.0\.0\.1:\d+/_connector/v3/conversations/\{id\}/activities/\{id\}$", (string)attempt.GetTagItem("url.full")!));

        Assert.Contains(Points("learningbot.turns"), point =>
            Tag(point, TelemetryTags.Capability) == "OneStopShop" && Tag(point, TelemetryTags.Outcome) == TurnOutcomes.Ok
            && Tag(point, TelemetryTags.Route) == "message");
        Assert.NotEmpty(Points("learningbot.turn.duration"));
        Assert.Contains(Points("learningbot.connector.throttled"), point => Tag(point, TelemetryTags.ConnectorOperation) == "ReplyToActivity");
        Assert.Contains(Points("learningbot.connector.retries"), point =>
            Tag(point, TelemetryTags.ConnectorOperation) == "ReplyToActivity" && Tag(point, TelemetryTags.HttpStatusCode) == "429");
    }

    [Fact]
    public async Task A_route_refused_for_want_of_a_role_is_recorded_as_forbidden_under_its_own_name()
    {
        var traceId = await PostAsync(Message("gaps report last month"));
        await FlushAsync(traceId);

        var turn = Assert.Single(_spans, span => span.TraceId == traceId && span.OperationName == TurnTelemetry.SpanName);
        Assert.Equal(TurnOutcomes.Forbidden, turn.GetTagItem(TelemetryTags.Outcome));
        Assert.Equal("gaps report", turn.GetTagItem(TelemetryTags.Route));
        Assert.Equal(RouteKinds.Command, turn.GetTagItem(TelemetryTags.RouteKind));
        Assert.Contains(Points("learningbot.turns"), point =>
            Tag(point, TelemetryTags.Outcome) == TurnOutcomes.Forbidden && Tag(point, TelemetryTags.Route) == "gaps report");
    }

    [Fact]
    public async Task No_message_text_name_email_person_or_conversation_id_leaves_the_bot_in_spans_metrics_or_logs()
    {
        var answered = await PostAsync(Message(Question));
        // A second turn fails: the connector refuses the reply with an error that repeats who and where.
        var refusal = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "BadArgument",
                ["message"] = $"Reply to {ConversationId} for {Email} ('{MentionedName}') refused: " +
                    $"https://smba.example/v3/conversations/{Uri.EscapeDataString(ConversationId)}/activities?who={Uri.EscapeDataString(Email)}",
            },
        };
        _bot.Connector.FailNext(new FakeFailure(400, Body: refusal.ToJsonString()));
        var failed = await PostAsync(Message($"{Question} Still {MentionedName} here."));
        await FlushAsync(answered, failed);

        var failedTurn = Assert.Single(_spans, span => span.TraceId == failed && span.OperationName == TurnTelemetry.SpanName);
        Assert.Equal(TurnOutcomes.Failed, failedTurn.GetTagItem(TelemetryTags.Outcome));
        var failure = Assert.Single(_logs, log => log.Exception is not null && log.CategoryName == "LearningBot.Connector.Hosting.BotAdapter");
        var exception = Assert.IsType<RedactedException>(failure.Exception);
        Assert.Equal("LearningBot.Connector.Client.ConnectorException", exception.OriginalType);
        Assert.Contains("{ActivityId}", failure.FormattedMessage, StringComparison.Ordinal);
        Assert.NotEmpty(_ingestion.Payloads);
        Assert.Contains(_ingestion.Payloads, payload => payload.Contains("RequestData", StringComparison.Ordinal));
        Assert.Contains(_ingestion.Payloads, payload => payload.Contains("\"turn\"", StringComparison.Ordinal));

        var exported = new Dictionary<string, string>
        {
            ["spans"] = Describe(_spans.Snapshot()),
            ["metrics"] = Describe(_metrics.Snapshot()),
            ["logs"] = Describe(_logs.Snapshot()),
            ["Azure Monitor payloads"] = string.Join('\n', _ingestion.Payloads),
        };
        Assert.Contains("capability OneStopShop", exported["spans"], StringComparison.Ordinal);
        Assert.Contains("learningbot.turns", exported["metrics"], StringComparison.Ordinal);
        Assert.Contains("Turn failed", exported["logs"], StringComparison.Ordinal);
        foreach (var (what, text) in exported)
        {
            foreach (var secret in Secrets)
            {
                Assert.False(
                    text.Contains(secret, StringComparison.OrdinalIgnoreCase),
                    $"The exported {what} contain '{secret}':\n{Around(text, secret)}");
            }
        }
    }

    private JsonObject Message(string text) => TeamsActivities.Message(_bot.Connector.ServiceUrl, text, ConversationId).From(Sender);

    /// <summary>Posts the activity as the start of a new trace and returns the trace id.</summary>
    private async Task<ActivityTraceId> PostAsync(JsonObject activity)
    {
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await _bot.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return traceId;
    }

    /// <summary>Waits until each trace's request span has ended, then flushes traces, metrics and logs to every exporter.</summary>
    private async Task FlushAsync(params ActivityTraceId[] traces)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!traces.All(trace => _spans.Any(span => span.TraceId == trace && span.Kind == ActivityKind.Server
            && span.GetTagItem("http.route") as string == "/api/messages")))
        {
            Assert.True(DateTime.UtcNow < deadline, "The request spans were not exported in time.");
            await Task.Delay(50);
        }

        Assert.True(_bot.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(_bot.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));
        Assert.True(_bot.Services.GetRequiredService<LoggerProvider>().ForceFlush(10_000));
    }

    /// <summary>A storage call: the HttpClient span of a request to Azurite, or an Azure SDK table span (Azure.Data.Tables, Azure.Core.Http).</summary>
    private bool IsStorageCall(Activity span) =>
        span.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal)
        || (span.GetTagItem("url.full") ?? span.GetTagItem("http.url")) is string url
            && url.StartsWith($"http://127.0.0.1:{azurite.Port}/", StringComparison.Ordinal);

    private static bool IsCallTo(Activity span, int port) =>
        span.Kind == ActivityKind.Client && span.GetTagItem("server.port") is int value && value == port;

    private static List<Activity> Ancestors(Activity span, List<Activity> trace)
    {
        var ancestors = new List<Activity>();
        for (var parent = trace.Find(s => s.SpanId == span.ParentSpanId); parent is not null; parent = trace.Find(s => s.SpanId == parent.ParentSpanId))
        {
            ancestors.Add(parent);
        }

        return ancestors;
    }

    private List<MetricPoint> Points(string metric)
    {
        var points = new List<MetricPoint>();
        foreach (var snapshot in _metrics.Snapshot().Where(m => m.Name == metric))
        {
            points.AddRange(snapshot.MetricPoints);
        }

        return points;
    }

    private static string? Tag(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static string Describe(IEnumerable<Activity> spans)
    {
        var text = new StringBuilder();
        foreach (var span in spans)
        {
            text.Append(span.Source.Name).Append(" | ").Append(span.OperationName).Append(" | ").Append(span.DisplayName)
                .Append(" | ").Append(span.Status).Append(' ').AppendLine(span.StatusDescription);
            foreach (var (key, value) in span.TagObjects)
            {
                text.Append("  ").Append(key).Append('=').Append(value).AppendLine();
            }

            foreach (var spanEvent in span.Events)
            {
                text.Append("  event ").AppendLine(spanEvent.Name);
                foreach (var (key, value) in spanEvent.Tags)
                {
                    text.Append("    ").Append(key).Append('=').Append(value).AppendLine();
                }
            }

            foreach (var link in span.Links)
            {
                foreach (var (key, value) in link.Tags ?? [])
                {
                    text.Append("  link ").Append(key).Append('=').Append(value).AppendLine();
                }
            }

            foreach (var (key, value) in span.Baggage)
            {
                text.Append("  baggage ").Append(key).Append('=').Append(value).AppendLine();
            }
        }

        return text.ToString();
    }

    private static string Describe(IEnumerable<MetricSnapshot> metrics)
    {
        var text = new StringBuilder();
        foreach (var metric in metrics)
        {
            text.Append(metric.MeterName).Append(" | ").Append(metric.Name).Append(" | ").Append(metric.Unit)
                .Append(" | ").AppendLine(metric.Description);
            foreach (var point in metric.MetricPoints)
            {
                foreach (var tag in point.Tags)
                {
                    text.Append("  ").Append(tag.Key).Append('=').Append(tag.Value).AppendLine();
                }
            }
        }

        return text.ToString();
    }

    private static string Describe(IEnumerable<LogRecord> logs)
    {
        var text = new StringBuilder();
        foreach (var log in logs)
        {
            text.Append(log.CategoryName).Append(" | ").Append(log.EventId.Name).Append(" | ").Append(log.FormattedMessage)
                .Append(" | ").AppendLine(log.Body);
            foreach (var (key, value) in log.Attributes ?? [])
            {
                text.Append("  ").Append(key).Append('=').Append(value).AppendLine();
            }

            if (log.Exception is { } exception)
            {
                text.Append("  exception ").Append(exception.Message).AppendLine().Append(exception).AppendLine();
            }
        }

        return text.ToString();
    }

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 300);
        return text[start..Math.Min(text.Length, at + secret.Length + 300)];
    }
}
