using System.Net;
using System.Net.Http.Headers;

namespace LearningBot.Connector.Client;

/// <summary>
/// When to try a connector call again and how long to wait. Throttling (429) and concurrent-write
/// conflicts (412) are retried for every method; 502/503/504 only for idempotent methods, because a
/// POSTed activity the service already accepted would be posted twice.
/// </summary>
public sealed class ConnectorRetryPolicy(ConnectorRetryOptions options)
{
    public ConnectorRetryOptions Options { get; } = options;

    public static bool IsRetryable(HttpMethod method, HttpStatusCode status) => status switch
    {
        HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed => true,
        HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => IsIdempotent(method),
        _ => false,
    };

    /// <summary>A failure with no answer: POST is retried only when the request cannot have reached the service.</summary>
    public static bool IsRetryable(HttpMethod method, Exception failure) =>
        IsIdempotent(method)
        || failure is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };

    public static bool IsIdempotent(HttpMethod method) => method != HttpMethod.Post && method != HttpMethod.Patch;

    /// <summary>The service's Retry-After (delta seconds or an HTTP date), if any.</summary>
    public static TimeSpan? ReadRetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now)
    {
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>Exponential backoff with full jitter: a random wait in [0, min(MaxDelay, BaseDelay·2^attempt)].</summary>
    public TimeSpan Backoff(int attempt, Random random)
    {
        var ceiling = Math.Min(Options.MaxDelay.TotalMilliseconds, Options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt));
        return TimeSpan.FromMilliseconds(random.NextDouble() * ceiling);
    }

    /// <summary>
    /// The wait before retry number <paramref name="attempt"/>+1, or null to give up: retries used up, a
    /// Retry-After longer than <see cref="ConnectorRetryOptions.MaxDelay"/>, or the total wait cap reached.
    /// </summary>
    public TimeSpan? NextDelay(int attempt, TimeSpan? retryAfter, TimeSpan waitedSoFar, Random random)
    {
        if (attempt >= Options.MaxRetries)
        {
            return null;
        }

        if (retryAfter > Options.MaxDelay)
        {
            return null;
        }

        var delay = retryAfter ?? Backoff(attempt, random);
        return waitedSoFar + delay > Options.MaxTotalDelay ? null : delay;
    }
}
