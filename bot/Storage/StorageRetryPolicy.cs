using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LearningBot.Storage;

/// <summary>
/// Azure.Core's retry policy with the bot's limits: exponential backoff between <c>Storage:RetryDelay</c> and
/// <c>Storage:MaxRetryDelay</c>, at most <c>Storage:MaxRetries</c> retries, each attempt given at most
/// <c>Storage:NetworkTimeout</c>, and, inside a turn, no more than the turn's <see cref="StorageBudget"/> in all.
/// A call that got no answer fails as a <see cref="RequestFailedException"/> (status 0, code <c>StorageTimeout</c> or
/// <c>StorageUnavailable</c>) rather than the SDK's <see cref="OperationCanceledException"/> or
/// <see cref="AggregateException"/>, so every store recognises it with <see cref="TableErrors.IsStorageFailure"/>; a
/// caller's own cancellation still surfaces as cancellation.
/// </summary>
public sealed class StorageRetryPolicy : RetryPolicy
{
    /// <summary>The shortest attempt worth starting: with less budget left than this, the call gives up instead.</summary>
    public static readonly TimeSpan ShortestAttempt = TimeSpan.FromMilliseconds(100);

    public const string TimeoutCode = "StorageTimeout";
    public const string UnavailableCode = "StorageUnavailable";
    public const string BudgetSpentCode = "StorageTurnBudgetSpent";

    private readonly TimeSpan _networkTimeout;
    private readonly TimeSpan _longestWait;

    public StorageRetryPolicy(TableStorageOptions options)
        : base(options?.MaxRetries ?? 0, DelayStrategy.CreateExponentialDelayStrategy(options?.RetryDelay, options?.MaxRetryDelay))
    {
        ArgumentNullException.ThrowIfNull(options);
        _networkTimeout = options.NetworkTimeout;
        _longestWait = options.MaxRetryDelay;
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var budget = Start(message);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await base.ProcessAsync(message, pipeline).ConfigureAwait(false);
        }
        catch (Exception exception) when (Translate(message, exception) is { } failure)
        {
            throw failure;
        }
        finally
        {
            budget?.Spend(Stopwatch.GetElapsedTime(started));
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var budget = Start(message);
        var started = Stopwatch.GetTimestamp();
        try
        {
            base.Process(message, pipeline);
        }
        catch (Exception exception) when (Translate(message, exception) is { } failure)
        {
            throw failure;
        }
        finally
        {
            budget?.Spend(Stopwatch.GetElapsedTime(started));
        }
    }

    protected override ValueTask OnSendingRequestAsync(HttpMessage message)
    {
        OnSendingRequest(message);
        return default;
    }

    /// <summary>Each attempt gets the network timeout, or what is left of the turn's budget when that is less.</summary>
    protected override void OnSendingRequest(HttpMessage message)
    {
        if (Left(message) is { } left && left < _networkTimeout)
        {
            message.NetworkTimeout = left < ShortestAttempt ? ShortestAttempt : left;
        }
    }

    /// <summary>Inside a turn, a retry is made only if the budget still holds the longest wait before it and an attempt after it.</summary>
    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        !NoRoomToRetry(message) && base.ShouldRetry(message, exception);

    protected override async ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        !NoRoomToRetry(message) && await base.ShouldRetryAsync(message, exception).ConfigureAwait(false);

    private static StorageBudget? Start(HttpMessage message)
    {
        var budget = StorageBudget.Current;
        if (budget is null)
        {
            return null;
        }

        if (budget.Remaining < ShortestAttempt)
        {
            throw new RequestFailedException(0, $"The turn has spent its {budget.Limit.TotalSeconds:0.#} s of storage time.", BudgetSpentCode, null);
        }

        message.SetProperty(typeof(StorageRetryPolicy), new CallClock(budget, Stopwatch.GetTimestamp()));
        return budget;
    }

    /// <summary>What is left of the turn's budget for this call, or null outside a turn.</summary>
    private static TimeSpan? Left(HttpMessage message) =>
        message.TryGetProperty(typeof(StorageRetryPolicy), out var value) && value is CallClock clock
            ? clock.Budget.Remaining - Stopwatch.GetElapsedTime(clock.Started)
            : null;

    private bool NoRoomToRetry(HttpMessage message) => Left(message) is { } left && left < ShortestAttempt + _longestWait;

    /// <summary>The failure a store should see, or null to let the exception through unchanged.</summary>
    private Exception? Translate(HttpMessage message, Exception exception)
    {
        if (message.CancellationToken.IsCancellationRequested)
        {
            // The caller gave up: that is cancellation, whatever the attempts before it met.
            return exception is OperationCanceledException ? null : new OperationCanceledException(message.CancellationToken);
        }

        var attempts = message.ProcessingContext.RetryNumber + 1;
        return exception switch
        {
            OperationCanceledException => new RequestFailedException(
                0, $"Table storage did not answer within {Describe(message.NetworkTimeout ?? _networkTimeout)} ({attempts} attempt(s)).", TimeoutCode, exception),
            AggregateException aggregate => new RequestFailedException(
                0, $"Table storage failed after {attempts} attempts: {aggregate.InnerExceptions[^1].Message}",
                aggregate.InnerExceptions[^1] is OperationCanceledException ? TimeoutCode : UnavailableCode, exception),
            _ => null,
        };
    }

    private static string Describe(TimeSpan timeout) => $"{timeout.TotalSeconds:0.##} s";

    private sealed record CallClock(StorageBudget Budget, long Started);
}
