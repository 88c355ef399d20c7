using System.Collections.Concurrent;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Teams redelivers an activity (same id) when the bot is slow to answer. Each (conversation, activity id)
/// is processed once; a redelivery waits for the first run and gets the same invoke response.
/// A run that throws is forgotten so a redelivery can try again.
/// </summary>
/// <remarks>In memory: one instance serves this community. Scaling out needs sticky routing or a shared store.</remarks>
public sealed class ActivityDeduplicator(TimeProvider clock)
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private int _addsSinceSweep;

    public async Task<(InvokeResponse? Response, bool WasDuplicate)> ProcessOnceAsync(
        Activity activity, Func<Task<InvokeResponse?>> process)
    {
        if (string.IsNullOrEmpty(activity.Id) || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return (await process(), false);
        }

        var key = string.Concat(conversationId, "\n", activity.Id);
        var candidate = new Run(clock.GetUtcNow() + Retention);
        var run = _runs.GetOrAdd(key, candidate);
        if (!ReferenceEquals(run, candidate))
        {
            return (await run.Completion.Task, true);
        }

        SweepOccasionally();
        try
        {
            var response = await process();
            run.Completion.SetResult(response);
            return (response, false);
        }
        catch (Exception exception)
        {
            _runs.TryRemove(new KeyValuePair<string, Run>(key, run));
            run.Completion.SetException(exception);
            throw;
        }
    }

    private void SweepOccasionally()
    {
        if (Interlocked.Increment(ref _addsSinceSweep) % SweepEvery != 0)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var (key, run) in _runs)
        {
            if (run.ExpiresAt < now && run.Completion.Task.IsCompleted)
            {
                _runs.TryRemove(new KeyValuePair<string, Run>(key, run));
            }
        }
    }

    private sealed class Run(DateTimeOffset expiresAt)
    {
        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public TaskCompletionSource<InvokeResponse?> Completion { get; } =
            new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
