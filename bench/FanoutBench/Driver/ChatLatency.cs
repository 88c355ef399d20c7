using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using LearningBot.Bench.FanoutBench.Simulator;

namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>
/// Open-loop chat turns: one <c>help</c> from the probe person every <c>interval</c>, whether or not the last was
/// answered; a turn's latency runs from its post to its reply reaching the connector.
/// </summary>
internal sealed class ChatLatency(HttpClient http, Uri messages, ConnectorSimulator simulator, TeamsActivities activities)
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    public async Task<LatencySummary> MeasureAsync(TimeSpan duration, TimeSpan interval, CancellationToken cancellationToken)
    {
        var latencies = new ConcurrentBag<double>();
        var errors = 0;
        var turns = new List<Task>();
        using var timer = new PeriodicTimer(interval);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < duration && await timer.WaitForNextTickAsync(cancellationToken))
        {
            turns.Add(TurnAsync());
        }

        await Task.WhenAll(turns);
        return LatencySummary.From(latencies, errors);

        async Task TurnAsync()
        {
            var id = activities.NextId();
            var reply = simulator.ExpectReply(id);
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.PostAsJsonAsync(messages, activities.Message(BenchPeople.Probe, "help", id), cancellationToken);
                response.EnsureSuccessStatusCode();
                var arrived = await reply.WaitAsync(ReplyTimeout, cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                simulator.Forget(id);
                Interlocked.Increment(ref errors);
            }
        }
    }
}
