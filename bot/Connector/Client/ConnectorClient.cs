using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LearningBot.Connector.Schema;
using LearningBot.Telemetry;
using Microsoft.Extensions.Logging;

namespace LearningBot.Connector.Client;

/// <summary>The Bot Connector v3 REST client for one serviceUrl. Create it through <see cref="IConnectorClientFactory"/>.</summary>
public sealed partial class ConnectorClient : IConnectorClient
{
    public const int MinPageSize = 50;
    public const int MaxPageSize = 500;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json") { CharSet = "utf-8" };
    private static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");

    private readonly HttpClient _http;
    private readonly IBotAccessTokenProvider _tokens;
    private readonly ConnectorHostPolicy _hostPolicy;
    private readonly ConnectorRetryPolicy _retry;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _baseUrl;

    internal ConnectorClient(Uri serviceUrl, HttpClient http, IBotAccessTokenProvider tokens, ConnectorHostPolicy hostPolicy, ConnectorRetryPolicy retry, TimeProvider time, ILogger logger)
    {
        ServiceUrl = serviceUrl;
        _http = http;
        _tokens = tokens;
        _hostPolicy = hostPolicy;
        _retry = retry;
        _time = time;
        _logger = logger;

        // Operation paths are relative to the serviceUrl's own path (e.g. /teams/ or /_connector).
        _baseUrl = serviceUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/";
    }

    public Uri ServiceUrl { get; }

    private bool SendsToken => _tokens.IssuesTokens && !ConnectorHostPolicy.IsLoopback(ServiceUrl);

    public Task<ResourceResponse> ReplyToActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceResponse>(nameof(ReplyToActivityAsync), HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Outbound(activity), cancellationToken);

    public Task<ResourceResponse> SendToConversationAsync(string conversationId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceResponse>(nameof(SendToConversationAsync), HttpMethod.Post, $"v3/conversations/{Escape(conversationId)}/activities", Outbound(activity), cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string conversationId, string activityId, Activity activity, CancellationToken cancellationToken = default) =>
        SendAsync<ResourceResponse>(nameof(UpdateActivityAsync), HttpMethod.Put, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", Outbound(activity), cancellationToken);

    public Task DeleteActivityAsync(string conversationId, string activityId, CancellationToken cancellationToken = default) =>
        SendAsync<object>(nameof(DeleteActivityAsync), HttpMethod.Delete, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}", null, cancellationToken);

    public Task<ConversationResourceResponse> CreateConversationAsync(ConversationParameters parameters, CancellationToken cancellationToken = default) =>
        SendAsync<ConversationResourceResponse>(nameof(CreateConversationAsync), HttpMethod.Post, "v3/conversations",
            parameters with { Activity = parameters.Activity is null ? null : Outbound(parameters.Activity) }, cancellationToken);

    public async Task<IReadOnlyList<TeamsChannelAccount>> GetConversationMembersAsync(string conversationId, CancellationToken cancellationToken = default) =>
        await SendAsync<List<TeamsChannelAccount>>(nameof(GetConversationMembersAsync), HttpMethod.Get, $"v3/conversations/{Escape(conversationId)}/members", null, cancellationToken).ConfigureAwait(false) ?? [];

    public Task<TeamsChannelAccount> GetConversationMemberAsync(string conversationId, string userId, CancellationToken cancellationToken = default) =>
        SendAsync<TeamsChannelAccount>(nameof(GetConversationMemberAsync), HttpMethod.Get, $"v3/conversations/{Escape(conversationId)}/members/{Escape(userId)}", null, cancellationToken);

    public Task<PagedMembersResult> GetConversationPagedMembersAsync(string conversationId, int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        var query = new List<string>();
        if (pageSize is { } size)
        {
            query.Add($"pageSize={Math.Clamp(size, MinPageSize, MaxPageSize)}");
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            query.Add($"continuationToken={Escape(continuationToken)}");
        }

        var path = $"v3/conversations/{Escape(conversationId)}/pagedmembers" + (query.Count > 0 ? "?" + string.Join("&", query) : string.Empty);
        return SendAsync<PagedMembersResult>(nameof(GetConversationPagedMembersAsync), HttpMethod.Get, path, null, cancellationToken);
    }

    public Task<TeamDetails> GetTeamDetailsAsync(string teamId, CancellationToken cancellationToken = default) =>
        SendAsync<TeamDetails>(nameof(GetTeamDetailsAsync), HttpMethod.Get, $"v3/teams/{Escape(teamId)}", null, cancellationToken);

    public async Task<IReadOnlyList<ChannelInfo>> GetTeamChannelsAsync(string teamId, CancellationToken cancellationToken = default)
    {
        var list = await SendAsync<ConversationList>(nameof(GetTeamChannelsAsync), HttpMethod.Get, $"v3/teams/{Escape(teamId)}/conversations", null, cancellationToken).ConfigureAwait(false);
        return list.Conversations ?? [];
    }

    /// <summary>The channel assigns id and timestamp: they are never sent.</summary>
    internal static Activity Outbound(Activity activity) =>
        activity.Id is null && activity.Timestamp is null ? activity : activity with { Id = null, Timestamp = null };

    private static string Escape(string id) =>
        string.IsNullOrEmpty(id) ? throw new ArgumentException("An id in a connector path must not be empty.", nameof(id)) : Uri.EscapeDataString(id);

    private async Task<T> SendAsync<T>(string operation, HttpMethod method, string relativePath, object? body, CancellationToken cancellationToken)
        where T : class, new()
    {
        operation = OperationName(operation);
        var uri = new Uri(_baseUrl + relativePath);
        using var payload = body is null ? null : PooledPayload.Serialize(body);
        var waited = TimeSpan.Zero;

        // One span per operation (its HTTP attempts are the HttpClient spans inside it); null when nobody listens.
        using var span = BotTelemetry.Source.StartActivity(ConnectorSpanName);
        if (span is not null)
        {
            span.DisplayName = ConnectorSpanName + " " + operation;
            span.SetTag(TelemetryTags.ConnectorOperation, operation);
            span.SetTag(TelemetryTags.HttpMethod, method.Method);
        }

        var budget = ConnectorBudget.Current;
        for (var attempt = 0; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var limit = AttemptLimit(budget);
            if (limit is null)
            {
                span?.SetTag(TelemetryTags.ConnectorAttempts, attempt);
                MarkFailed(span, "Timeout");
                throw new ConnectorException(operation, null, "Timeout", null, $"The turn has spent its {budget!.Limit.TotalSeconds:0.#} s for Bot Connector calls.", null);
            }

            using var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptTimeout.CancelAfter(limit.Value);
            try
            {
                payload?.Sending();
                using var request = await BuildRequestAsync(method, uri, payload, cancellationToken).ConfigureAwait(false);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, attemptTimeout.Token).ConfigureAwait(false);
                payload?.Settle();
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (span is not null)
                {
                    span.SetTag(TelemetryTags.HttpStatusCode, (int)response.StatusCode);
                    span.SetTag(TelemetryTags.ConnectorAttempts, attempt + 1);
                }

                if (response.StatusCode == HttpStatusCode.TooManyRequests && BotTelemetry.ConnectorThrottled.Enabled)
                {
                    BotTelemetry.ConnectorThrottled.Add(1, new KeyValuePair<string, object?>(TelemetryTags.ConnectorOperation, operation));
                }

                if (response.IsSuccessStatusCode)
                {
                    LogCall(_logger, operation, method.Method, (int)response.StatusCode, elapsed.TotalMilliseconds, attempt + 1);
                    return await ReadAsync<T>(response, attemptTimeout.Token).ConfigureAwait(false);
                }

                var text = await response.Content.ReadAsStringAsync(attemptTimeout.Token).ConfigureAwait(false);
                var retryAfter = ConnectorRetryPolicy.ReadRetryAfter(response.Headers.RetryAfter, _time.GetUtcNow());
                var delay = ConnectorRetryPolicy.IsRetryable(method, response.StatusCode)
                    ? Fits(_retry.NextDelay(attempt, retryAfter, waited, Random.Shared), budget, started)
                    : null;
                if (delay is null)
                {
                    var failure = ConnectorException.FromResponse(operation, response.StatusCode, text, retryAfter);
                    LogFailed(_logger, operation, method.Method, (int)response.StatusCode, failure.Code, failure.SubCode, attempt + 1);
                    MarkFailed(span, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    throw failure;
                }

                LogRetrying(_logger, operation, method.Method, (int)response.StatusCode, delay.Value.TotalMilliseconds, attempt + 1);
                CountRetry(operation, (int)response.StatusCode);
                waited += delay.Value;
                await Task.Delay(delay.Value, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or OperationCanceledException)
            {
                var failure = ex is OperationCanceledException ? new TimeoutException($"No answer within {limit.Value.TotalSeconds:0.##} s.", ex) : ex;
                var delay = ConnectorRetryPolicy.IsRetryable(method, failure) ? Fits(_retry.NextDelay(attempt, null, waited, Random.Shared), budget, started) : null;
                if (delay is null)
                {
                    LogNoAnswer(_logger, failure, operation, method.Method, attempt + 1);
                    var code = failure is TimeoutException ? "Timeout" : "ConnectionFailed";
                    span?.SetTag(TelemetryTags.ConnectorAttempts, attempt + 1);
                    MarkFailed(span, code);
                    throw new ConnectorException(operation, null, code, null, failure.Message, null, failure);
                }

                LogRetrying(_logger, operation, method.Method, 0, delay.Value.TotalMilliseconds, attempt + 1);
                CountRetry(operation, 0);
                waited += delay.Value;
                await Task.Delay(delay.Value, _time, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                budget?.Spend(Stopwatch.GetElapsedTime(started));
            }
        }
    }

    /// <summary>
    /// How long the next attempt may wait for an answer: <c>RequestTimeout</c>, or what is left of the turn's
    /// <see cref="ConnectorBudget"/> when that is less; null when the budget is spent.
    /// </summary>
    private TimeSpan? AttemptLimit(ConnectorBudget? budget)
    {
        var limit = _retry.Options.RequestTimeout;
        if (budget is null)
        {
            return limit;
        }

        var left = budget.Remaining;
        return left < ConnectorBudget.ShortestAttempt ? null : left < limit ? left : limit;
    }

    /// <summary>Inside a turn, a wait before a retry is made only if the budget still has room for it and an attempt after it.</summary>
    private static TimeSpan? Fits(TimeSpan? delay, ConnectorBudget? budget, long attemptStarted) =>
        delay is { } wait && budget is not null
            && budget.Remaining - Stopwatch.GetElapsedTime(attemptStarted) - wait < ConnectorBudget.ShortestAttempt
            ? null
            : delay;

    private const string ConnectorSpanName = "BotConnector";

    /// <summary>The operation as logged and traced: the method's name without <c>Async</c>, made once per name.</summary>
    private static string OperationName(string method) =>
        OperationNames.GetOrAdd(method, static name => name.EndsWith("Async", StringComparison.Ordinal) ? name[..^5] : name);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> OperationNames = new(StringComparer.Ordinal);

    /// <summary>A retry, by operation and the status that caused it (0: no answer).</summary>
    private static void CountRetry(string operation, int status)
    {
        if (BotTelemetry.ConnectorRetries.Enabled)
        {
            BotTelemetry.ConnectorRetries.Add(
                1,
                new KeyValuePair<string, object?>(TelemetryTags.ConnectorOperation, operation),
                new KeyValuePair<string, object?>(TelemetryTags.HttpStatusCode, status));
        }
    }

    /// <summary>The error type is the HTTP status or <c>Timeout</c>/<c>ConnectionFailed</c>, never the service's message.</summary>
    private static void MarkFailed(System.Diagnostics.Activity? span, string errorType)
    {
        if (span is not null)
        {
            span.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            span.SetTag(TelemetryTags.ErrorType, errorType);
        }
    }

    private async Task<HttpRequestMessage> BuildRequestAsync(HttpMethod method, Uri uri, PooledPayload? payload, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Accept.Add(AcceptJson);
        if (payload is not null)
        {
            request.Content = payload.ToContent();
            request.Content.Headers.ContentType = JsonContentType;
        }

        if (SendsToken)
        {
            if (!_hostPolicy.MayReceiveToken(uri))
            {
                request.Dispose();
                throw new UntrustedConnectorHostException(ServiceUrl);
            }

            var token = await _tokens.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }

        return request;
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class, new()
    {
        if (typeof(T) == typeof(object) || response.StatusCode == HttpStatusCode.NoContent)
        {
            return new T();
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return bytes.Length == 0 ? new T() : JsonSerializer.Deserialize<T>(bytes, BotJson.Options) ?? new T();
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Bot Connector {Operation} {Method} answered {Status} in {ElapsedMs:0} ms (attempt {Attempt})")]
    private static partial void LogCall(ILogger logger, string operation, string method, int status, double elapsedMs, int attempt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Bot Connector {Operation} {Method} got {Status}; retrying in {DelayMs:0} ms (attempt {Attempt})")]
    private static partial void LogRetrying(ILogger logger, string operation, string method, int status, double delayMs, int attempt);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Bot Connector {Operation} {Method} failed with {Status} {Code}/{SubCode} after {Attempt} attempt(s)")]
    private static partial void LogFailed(ILogger logger, string operation, string method, int status, string? code, string? subCode, int attempt);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Bot Connector {Operation} {Method} got no answer after {Attempt} attempt(s)")]
    private static partial void LogNoAnswer(ILogger logger, Exception exception, string operation, string method, int attempt);
}
