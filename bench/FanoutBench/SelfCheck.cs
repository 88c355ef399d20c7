using System.Net;
using System.Text;
using LearningBot.Bench.FanoutBench.Simulator;

namespace LearningBot.Bench.FanoutBench;

/// <summary>
/// Checks the simulator on its own: every limit refuses the request that breaks it (with a Retry-After that lets the
/// next one through), 429s reach an HTTP caller with the header set, faults are injected at about the configured
/// rates, and a message received twice counts as a duplicate.
/// </summary>
internal static class SelfCheck
{
    public static async Task<int> RunAsync()
    {
        var failures = 0;
        void Check(string what, bool ok, string detail)
        {
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")}  {what}: {detail}");
            failures += ok ? 0 : 1;
        }

        CheckConversationRules(Check);
        CheckTenantRule(Check);
        await CheckOverHttpAsync(Check);
        await CheckFaultsAndDuplicatesAsync(Check);
        Console.WriteLine(failures == 0 ? "self-check passed" : $"self-check: {failures} check(s) failed");
        return failures == 0 ? 0 : 1;
    }

    private static void CheckConversationRules(Action<string, bool, string> check)
    {
        var clock = new SteppedClock();
        var limits = new RateLimits(clock);
        clock.Advance(TimeSpan.FromSeconds(10));
        var admitted = Enumerable.Range(0, 7).Count(_ => limits.Admit("a:one", enforce: true).Admitted);
        var eighth = limits.Admit("a:one", enforce: true);
        check("7 per 1 s", admitted == 7 && !eighth.Admitted && eighth.RetryAfterSeconds == 1, $"{admitted} admitted, the 8th {Describe(eighth)}");

        clock.Advance(TimeSpan.FromSeconds(1));
        var afterSecond = limits.Admit("a:one", enforce: true);
        var ninth = limits.Admit("a:one", enforce: true);
        check("8 per 2 s", afterSecond.Admitted && !ninth.Admitted && ninth.Limit!.StartsWith("8 per 2", StringComparison.Ordinal),
            $"after 1 s the 8th is {Describe(afterSecond)}, the 9th {Describe(ninth)}");

        var halfMinute = new RateLimits(clock);
        var spaced = 0;
        for (var i = 0; i < 60; i++)
        {
            spaced += halfMinute.Admit("a:two", enforce: true).Admitted ? 1 : 0;
            clock.Advance(TimeSpan.FromMilliseconds(400));
        }

        var sixtyFirst = halfMinute.Admit("a:two", enforce: true);
        check("60 per 30 s", spaced == 60 && !sixtyFirst.Admitted && sixtyFirst.Limit!.StartsWith("60", StringComparison.Ordinal),
            $"60 sent 0.4 s apart: {spaced} admitted, the 61st {Describe(sixtyFirst)}");

        var hour = new RateLimits(clock);
        var hourly = 0;
        for (var i = 0; i < 1800; i++)
        {
            hourly += hour.Admit("a:three", enforce: true).Admitted ? 1 : 0;
            clock.Advance(TimeSpan.FromSeconds(1.9));
        }

        var over = hour.Admit("a:three", enforce: true);
        clock.Advance(over.RetryAfter);
        var later = hour.Admit("a:three", enforce: true);
        check("1,800 per hour", hourly == 1800 && !over.Admitted && over.Limit!.StartsWith("1800", StringComparison.Ordinal) && later.Admitted,
            $"1,800 sent 1.9 s apart: {hourly} admitted, the next {Describe(over)}, after waiting that long {Describe(later)}");
    }

    private static void CheckTenantRule(Action<string, bool, string> check)
    {
        var clock = new SteppedClock();
        var limits = new RateLimits(clock);
        clock.Advance(TimeSpan.FromSeconds(5.1));
        var admitted = Enumerable.Range(0, 50).Count(i => limits.Admit($"a:{i}", enforce: true).Admitted);
        var fiftyFirst = limits.Admit("a:50", enforce: true);
        clock.Advance(TimeSpan.FromSeconds(0.9));
        var nextSecond = limits.Admit("a:51", enforce: true);
        check("50 per s per tenant (fixed windows)", admitted == 50 && !fiftyFirst.Admitted && fiftyFirst.RetryAfter == TimeSpan.FromSeconds(0.9) && nextSecond.Admitted,
            $"{admitted} admitted, the 51st {Describe(fiftyFirst)}, in the next second {Describe(nextSecond)}");

        var straddle = new RateLimits(clock);
        clock.Advance(TimeSpan.FromSeconds(0.6));
        var late = Enumerable.Range(0, 50).Count(i => straddle.Admit($"b:{i}", enforce: true).Admitted);
        clock.Advance(TimeSpan.FromSeconds(0.6));
        var early = Enumerable.Range(0, 50).Count(i => straddle.Admit($"c:{i}", enforce: true).Admitted);
        var peaks = straddle.Peaks;
        check("the sliding peak sees what fixed windows allow", late + early == 100 && peaks.FixedWindow == 50 && peaks.SlidingAccepted == 100,
            $"50 late in one second and 50 early in the next: all admitted, fixed-window peak {peaks.FixedWindow}, sliding peak {peaks.SlidingAccepted}");
    }

    private static async Task CheckOverHttpAsync(Action<string, bool, string> check)
    {
        await using var simulator = await ConnectorSimulator.StartAsync(new SimulatorOptions { InjectFaults = false });
        simulator.BeginMeasuring();
        using var http = new HttpClient { BaseAddress = simulator.ServiceUrl };

        var burst = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => PostAsync(http, BenchIds.ChatId($"burst-{i}"), "hello")));
        var refused = burst.Where(r => r.Status == HttpStatusCode.TooManyRequests).ToList();
        check("429 over HTTP at the tenant limit", refused.Count >= 20 && refused.TrueForAll(r => r.RetryAfter is >= 1),
            $"120 posts at once: {refused.Count} answered 429, Retry-After {string.Join("/", refused.Select(r => r.RetryAfter).Distinct())} s");

        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var conversation = BenchIds.ChatId("busy");
        var sequence = new List<Reply>();
        for (var i = 0; i < 8; i++)
        {
            sequence.Add(await PostAsync(http, conversation, $"message {i}"));
        }

        var last = sequence[^1];
        check("429 over HTTP at 7 per second in one conversation",
            sequence.Take(7).All(r => r.Status == HttpStatusCode.Created) && last.Status == HttpStatusCode.TooManyRequests && last.RetryAfter == 1 && last.Body.Contains("\"Throttled\"", StringComparison.Ordinal),
            $"7 sent: {string.Join(",", sequence.Take(7).Select(r => (int?)r.Status))}; the 8th {(int?)last.Status} Retry-After {last.RetryAfter} body {last.Body}");

        var stats = simulator.Stats;
        check("/stats counts the refusals", stats.Throttled == refused.Count + 1 && stats.ThrottledByConversationLimit == 1,
            $"throttled {stats.Throttled} (tenant {stats.ThrottledByTenantLimit}, conversation {stats.ThrottledByConversationLimit})");
    }

    private static async Task CheckFaultsAndDuplicatesAsync(Action<string, bool, string> check)
    {
        await using var simulator = await ConnectorSimulator.StartAsync(new SimulatorOptions { EnforceLimits = false });
        simulator.BeginMeasuring();
        using var http = new HttpClient { BaseAddress = simulator.ServiceUrl };
        const int Posts = 4000;
        using var gate = new SemaphoreSlim(16);
        var replies = await Task.WhenAll(Enumerable.Range(0, Posts).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                return await PostAsync(http, BenchIds.ChatId($"fault-{i}"), "announcement");
            }
            finally
            {
                gate.Release();
            }
        }));

        var unavailable = replies.Count(r => r.Status is HttpStatusCode.ServiceUnavailable);
        var resets = replies.Count(r => r.Status is null);
        var stats = simulator.Stats;
        check("faults injected at about 1% 503 and 0.5% resets",
            unavailable is >= 20 and <= 65 && resets is >= 6 and <= 36 && stats.Injected503 == unavailable && stats.InjectedResets == resets && stats.Delivered == Posts - unavailable - resets,
            $"{Posts} posts: {unavailable} answered 503, {resets} connections reset, {stats.Delivered} delivered");

        foreach (var i in Enumerable.Range(0, 10))
        {
            await PostAsync(http, BenchIds.ChatId($"again-{i}"), "announcement");
            await PostAsync(http, BenchIds.ChatId($"again-{i}"), "announcement");
            await PostAsync(http, BenchIds.ChatId($"again-{i}"), "another message");
        }

        stats = simulator.Stats;
        var expected = replies.Count(r => r.Status == HttpStatusCode.Created);
        check("a message received twice is one duplicate", stats.DuplicatedConversations <= 10 && stats.Duplicates >= 1 && stats.Messages >= expected,
            $"10 conversations sent the same message twice and another once: {stats.Duplicates} duplicates in {stats.DuplicatedConversations} conversations (faults may have dropped some)");
    }

    private static async Task<Reply> PostAsync(HttpClient http, string conversationId, string text)
    {
        var body = $$$"""{"type":"message","text":"{{{text}}}","conversation":{"id":"{{{conversationId}}}"}}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        try
        {
            using var response = await http.PostAsync($"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", content);
            var retryAfter = response.Headers.RetryAfter?.Delta is { } delta ? (int?)delta.TotalSeconds : null;
            return new Reply(response.StatusCode, retryAfter, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException)
        {
            return new Reply(null, null, string.Empty);
        }
    }

    private static string Describe(Admission admission) =>
        admission.Admitted ? "admitted" : $"refused ({admission.Limit}, Retry-After {admission.RetryAfterSeconds} s)";

    private sealed record Reply(HttpStatusCode? Status, int? RetryAfter, string Body);
}
