using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Bench.TurnBench.Soak;

/// <summary>
/// Keeps a delivery running through the soak: a member of the L&amp;D Support Team announces to everyone in the
/// independent sector (the soak's recipients, whom <c>soak.sh</c> seeds), and when every recipient has it, announces
/// again. Before the load starts it installs the bot for nine in ten recipients (the bot stores their chats); the bot
/// opens chats with the rest itself through <c>Delivery:Reach</c>.
/// </summary>
internal sealed class DeliveryDriver(HttpClient http, SoakOptions options, DeliverySink sink, Func<string> nextActivityId)
{
    public const string Audience = "kind:independent-sector";
    private const string BotId = "28:soak-bench-bot";
    private const string AnnouncerChat = "a:announcer-soak";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    private readonly List<Announcement> _announcements = [];
    private readonly List<string> _failures = [];

    /// <summary>Recipient n (from 1) as <c>soak.sh</c> seeds them.</summary>
    public static string RecipientId(int number) => $"00000000-0000-4000-6000-{number:D12}";

    /// <summary>The member of the L&amp;D Support Team that <c>soak.sh</c> seeds (as <c>turns.sh</c> does).</summary>
    public const string AnnouncerId = TeamsActivities.BenchSupportTeamId;

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Teams telling the bot it was installed, for nine in ten recipients and the announcer; the install errors.</summary>
    public async Task<int> InstallAsync(CancellationToken ct)
    {
        var errors = 0;
        var people = Enumerable.Range(1, options.Recipients).Where(n => n % 10 != 0)
            .Select(n => (Person: RecipientId(n), Chat: DeliverySink.ChatOf(RecipientId(n))))
            .Prepend((Person: AnnouncerId, Chat: AnnouncerChat));
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (person, token) =>
        {
            var installed = Activity("conversationUpdate", person.Person, person.Chat);
            installed["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
            try
            {
                using var response = await http.PostAsJsonAsync(options.Target, installed, token);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref errors);
            }
        });
        return errors;
    }

    /// <summary>
    /// Announces again and again until <paramref name="loadEnded"/> is set, each time waiting until every recipient has
    /// the announcement; after the load, waits up to the drain time for the last one.
    /// </summary>
    public async Task RunAsync(long startTimestamp, TaskCompletionSource<long> loadEnded, CancellationToken ct)
    {
        try
        {
            await AnnounceUntilEndAsync(startTimestamp, loadEnded, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped (Ctrl-C): the announcements so far are reported as they stand.
        }
    }

    private async Task AnnounceUntilEndAsync(long startTimestamp, TaskCompletionSource<long> loadEnded, CancellationToken ct)
    {
        for (var number = 1; !loadEnded.Task.IsCompleted && !ct.IsCancellationRequested; number++)
        {
            var started = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds;
            if (await AnnounceAsync(number, ct) is { } failure)
            {
                _failures.Add($"announcement {number}: {failure}");
                await Wait(TimeSpan.FromSeconds(10), ct);
                continue;
            }

            var announcement = new Announcement(number, started);
            lock (_announcements)
            {
                _announcements.Add(announcement);
            }

            while (sink.Reached(number) < options.Recipients && !ct.IsCancellationRequested)
            {
                if (loadEnded.Task.IsCompleted && Stopwatch.GetElapsedTime(loadEnded.Task.Result) > options.Drain)
                {
                    break;
                }

                await Wait(Poll, ct);
            }

            if (sink.Reached(number) >= options.Recipients)
            {
                announcement.CompletedSeconds = Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds - started;
            }
        }
    }

    /// <summary>What each announcement reached, checked against the recipients: missing, duplicated, unexpected people.</summary>
    public IReadOnlyList<SoakDeliveryResult> Results()
    {
        var expected = Enumerable.Range(1, options.Recipients).Select(RecipientId).ToHashSet(StringComparer.Ordinal);
        lock (_announcements)
        {
            return [.. _announcements.Select(a =>
            {
                var received = sink.Received(a.Number);
                return new SoakDeliveryResult(
                    a.Number,
                    Math.Round(a.StartedSeconds, 1),
                    a.CompletedSeconds is { } s ? Math.Round(s, 1) : null,
                    received.Keys.Count(expected.Contains),
                    expected.Count(p => !received.ContainsKey(p)),
                    received.Values.Sum(times => times - 1),
                    received.Keys.Count(p => !expected.Contains(p)));
            })];
        }
    }

    /// <summary>Previews the announcement to the audience and presses Send; null when both answered as they should.</summary>
    private async Task<string?> AnnounceAsync(int number, CancellationToken ct)
    {
        try
        {
            var (status, body) = await PressAsync("announce.preview", new JsonObject
            {
                ["title"] = DeliverySink.Title(number),
                ["message"] = "The soak's announcement to everyone in the independent sector: nothing to do.",
                ["audience"] = Audience,
            }, ct);
            if (AnnouncementPreview.FindDraftId(body) is not { } draftId)
            {
                return $"no draftId in the preview (answered {status}: {Shorten(body)})";
            }

            (status, body) = await PressAsync("announce.send", new JsonObject { ["draftId"] = draftId }, ct);
            return status is >= 200 and < 300 ? null : $"announce.send answered {status}: {Shorten(body)}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    private async Task<(int Status, string Body)> PressAsync(string verb, JsonObject data, CancellationToken ct)
    {
        var press = Activity("invoke", AnnouncerId, AnnouncerChat);
        press["name"] = "adaptiveCard/action";
        press["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        using var response = await http.PostAsJsonAsync(options.Target, press, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>An activity in a personal chat of the delivery's tenant, shaped as Teams posts it.</summary>
    private JsonObject Activity(string type, string person, string chat) => new()
    {
        ["type"] = type,
        ["id"] = nextActivityId(),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["serviceUrl"] = sink.ServiceUrl.ToString(),
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = "29:soak-" + person, ["name"] = "Soak Person", ["aadObjectId"] = person },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "LearningBot" },
        ["conversation"] = new JsonObject { ["id"] = chat, ["conversationType"] = "personal", ["tenantId"] = options.DeliveryTenant },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = options.DeliveryTenant } },
        ["locale"] = "en-GB",
    };


    private static async Task Wait(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private sealed class Announcement(int number, double startedSeconds)
    {
        public int Number { get; } = number;

        public double StartedSeconds { get; } = startedSeconds;

        public double? CompletedSeconds { get; set; }
    }
}
