using System.Diagnostics;
using System.Net.Http.Headers;

namespace LearningBot.Bench.TurnBench;

/// <summary>What one phase of closed-loop load produced.</summary>
internal sealed record PhaseOutcome(TimeSpan Elapsed, double[] LatenciesMs, int HttpErrors, int TransportErrors, int Timeouts, int WrongReplies, IReadOnlyDictionary<int, int> StatusCodes)
{
    public int Errors => HttpErrors + TransportErrors + Timeouts + WrongReplies;
}

/// <summary>
/// Closed-loop load: each virtual user posts one message, waits for the HTTP answer and for its
/// reply to reach the sink, then posts the next, until the phase's turn budget is spent.
/// A turn's latency runs from the post to the reply's arrival at the sink.
/// </summary>
internal sealed class LoadRunner(HttpClient http, ConnectorSink sink, TeamsActivities activities, IReadOnlyList<VirtualUser> users, BenchOptions options, PressScript? presses = null)
{
    /// <summary>Sets every user up for <paramref name="pressesEach"/> button presses (nothing to do for messages).</summary>
    public Task PrepareAsync(int pressesEach, CancellationToken ct) =>
        presses is null ? Task.CompletedTask : Task.WhenAll(users.Select(user => presses.PrepareAsync(user, pressesEach, ct)));

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public async Task<PhaseOutcome> RunAsync(int turns, CancellationToken ct)
    {
        var remaining = turns;
        var states = users.Select(_ => new UserTally()).ToArray();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(users.Select((user, i) => Task.Run(
            () => presses is null
                ? UserLoopAsync(user, states[i], () => Interlocked.Decrement(ref remaining) >= 0, ct)
                : PressLoopAsync(user, presses, states[i], () => Interlocked.Decrement(ref remaining) >= 0, ct),
            ct)));
        var elapsed = Stopwatch.GetElapsedTime(started);

        var codes = states.SelectMany(s => s.StatusCodes).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
        return new PhaseOutcome(
            elapsed,
            [.. states.SelectMany(s => s.LatenciesMs)],
            states.Sum(s => s.HttpErrors),
            states.Sum(s => s.TransportErrors),
            states.Sum(s => s.Timeouts),
            states.Sum(s => s.WrongReplies),
            codes);
    }

    private async Task UserLoopAsync(VirtualUser user, UserTally tally, Func<bool> takeTurn, CancellationToken ct)
    {
        while (takeTurn())
        {
            var activityId = activities.NextActivityId();
            var body = activities.Message(user, activityId);
            var reply = sink.Expect(activityId);
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = Json;
                using var response = await http.PostAsync(options.Target, content, ct);
                if (!response.IsSuccessStatusCode)
                {
                    sink.Forget(activityId);
                    tally.HttpError((int)response.StatusCode);
                    continue;
                }

                var arrived = await reply.WaitAsync(options.ReplyTimeout, ct);
                if (options.ExpectCard && !arrived.HasAdaptiveCard)
                {
                    tally.WrongReplies++;
                    continue;
                }

                tally.LatenciesMs.Add(Stopwatch.GetElapsedTime(sent, arrived.Timestamp).TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                sink.Forget(activityId);
                tally.Timeouts++;
            }
            catch (HttpRequestException)
            {
                sink.Forget(activityId);
                tally.TransportErrors++;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // HttpClient's own timeout: the target never answered the post.
                sink.Forget(activityId);
                tally.TransportErrors++;
            }
        }
    }

    /// <summary>
    /// Button presses: the invoke's HTTP response is the turn's answer (the card comes back in it, not through the
    /// connector), so a turn's latency runs from the post to the response.
    /// </summary>
    private async Task PressLoopAsync(VirtualUser user, PressScript script, UserTally tally, Func<bool> takeTurn, CancellationToken ct)
    {
        while (takeTurn())
        {
            if (script.Next(user) is not var (verb, data))
            {
                // The set-up ran short for this user (it took more than its share of the turns).
                tally.WrongReplies++;
                continue;
            }

            var body = activities.Invoke(user, activities.NextActivityId(), verb, data);
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = Json;
                using var response = await http.PostAsync(options.Target, content, ct);
                var answer = await response.Content.ReadAsByteArrayAsync(ct);
                var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    tally.HttpError((int)response.StatusCode);
                    continue;
                }

                if (!script.Accept(user, BenchClient.CardOf(answer)))
                {
                    tally.WrongReplies++;
                    continue;
                }

                tally.LatenciesMs.Add(elapsed);
            }
            catch (HttpRequestException)
            {
                tally.TransportErrors++;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                tally.TransportErrors++;
            }
        }
    }

    private sealed class UserTally
    {
        public List<double> LatenciesMs { get; } = [];

        public Dictionary<int, int> StatusCodes { get; } = [];

        public int HttpErrors { get; private set; }

        public int TransportErrors { get; set; }

        public int Timeouts { get; set; }

        public int WrongReplies { get; set; }

        public void HttpError(int status)
        {
            HttpErrors++;
            StatusCodes[status] = StatusCodes.GetValueOrDefault(status) + 1;
        }
    }
}
