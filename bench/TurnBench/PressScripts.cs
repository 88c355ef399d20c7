using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Bench.TurnBench;

/// <summary>
/// The turns that press an Action.Execute button (an <c>adaptiveCard/action</c> invoke, answered in the HTTP response
/// with a card): what each user sets up before the warm-up (never measured), which button each turn presses with what
/// data, and whether the card that came back is the one the press should give.
/// </summary>
internal abstract class PressScript(BenchClient client)
{
    protected BenchClient Client { get; } = client;

    public static PressScript For(TurnKind kind, BenchClient client) => kind switch
    {
        TurnKind.Rate => new RateScript(client),
        TurnKind.Signal => new SignalScript(client),
        TurnKind.ReviewStep => new ReviewStepScript(client),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a button press."),
    };

    /// <summary>Gets <paramref name="user"/> ready for <paramref name="presses"/> presses.</summary>
    public abstract Task PrepareAsync(VirtualUser user, int presses, CancellationToken ct);

    /// <summary>The next press of <paramref name="user"/>; null when the set-up has run out.</summary>
    public abstract (string Verb, JsonObject Data)? Next(VirtualUser user);

    /// <summary>The card the press answered with; false when it is not what the press should give.</summary>
    public abstract bool Accept(VirtualUser user, JsonObject? card);

    /// <summary>The button with <paramref name="verb"/> on a card, as <c>BenchBot</c> finds it.</summary>
    public static JsonObject? FindAction(JsonNode? node, string verb) => node switch
    {
        JsonObject obj when obj["type"]?.GetValueKind() == JsonValueKind.String && obj["type"]!.GetValue<string>() == "Action.Execute"
            && obj["verb"]?.GetValueKind() == JsonValueKind.String && obj["verb"]!.GetValue<string>() == verb => obj,
        JsonObject obj => obj.Select(p => FindAction(p.Value, verb)).FirstOrDefault(a => a is not null),
        JsonArray array => array.Select(n => FindAction(n, verb)).FirstOrDefault(a => a is not null),
        _ => null,
    };

    /// <summary>What Teams sends for a button: its data, the values the card's inputs hold, and what the user typed over them.</summary>
    public static JsonObject PressData(JsonObject card, string verb, JsonObject typed)
    {
        var action = FindAction(card, verb) ?? throw new InvalidOperationException($"No {verb} button on the card.");
        var data = action["data"]?.DeepClone() as JsonObject ?? [];
        foreach (var (key, value) in InputValues(card).Concat(typed))
        {
            data[key] = value?.DeepClone();
        }

        return data;
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> InputValues(JsonNode? node) => node switch
    {
        JsonObject obj when obj["type"]?.GetValueKind() == JsonValueKind.String && obj["type"]!.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal)
            && obj["id"]?.GetValue<string>() is { } id && obj["value"] is { } value => [new(id, value)],
        JsonObject obj => obj.SelectMany(p => InputValues(p.Value)),
        JsonArray array => array.SelectMany(InputValues),
        _ => [],
    };
}

/// <summary>Rating an answer: each user asks questions during set-up, and each turn rates one (the first rating of it).</summary>
internal sealed class RateScript(BenchClient client) : PressScript(client)
{
    private const string RateVerb = "ask.rate";
    private readonly ConcurrentDictionary<int, Queue<string>> _questions = new();

    public override async Task PrepareAsync(VirtualUser user, int presses, CancellationToken ct)
    {
        var asked = new Queue<string>();
        for (var attempt = 0; asked.Count < presses && attempt < presses * 3; attempt++)
        {
            // Questions the base answers by words or meaning carry the rating buttons; a not-sure or signpost card does not.
            var card = await Client.AskAsync(user, ct);
            if (FindAction(card, RateVerb)?["data"]?["questionId"]?.GetValue<string>() is { } questionId)
            {
                asked.Enqueue(questionId);
            }
        }

        _questions[user.Number] = asked;
    }

    public override (string Verb, JsonObject Data)? Next(VirtualUser user) =>
        _questions[user.Number].TryDequeue(out var questionId)
            ? (RateVerb, new JsonObject { ["questionId"] = questionId, ["helpful"] = questionId.Length % 2 == 0 })
            : null;

    // The rated card thanks the person and has no rating buttons left.
    public override bool Accept(VirtualUser user, JsonObject? card) => card is not null && FindAction(card, RateVerb) is null;
}

/// <summary>Logging a feedback signal: each user opens forms during set-up (each has its own token), and each turn logs one.</summary>
internal sealed class SignalScript(BenchClient client) : PressScript(client)
{
    private const string LogVerb = "signal.log";
    private readonly ConcurrentDictionary<int, Queue<JsonObject>> _forms = new();

    private static readonly string[] Areas = ["emergency-care", "inpatient-wards", "outpatients", "community-nursing", "care-homes", "home-care"];

    private readonly Lazy<Task> _expertChannel = new(() => client.ChooseExpertChannelAsync(CancellationToken.None));

    public override async Task PrepareAsync(VirtualUser user, int presses, CancellationToken ct)
    {
        // Moderation cards go to the L&D channel, as in a deployment (with none chosen they would wait in the outbox).
        await _expertChannel.Value;
        var forms = new Queue<JsonObject>();
        for (var i = 0; i < presses; i++)
        {
            var form = await Client.PressAsync(user, "signal.start", [], ct)
                ?? throw new InvalidOperationException("signal.start gave no card: is the bench user liaison staff (turns.sh sets Roles:LiaisonStaff)?");
            forms.Enqueue(PressData(form, LogVerb, new JsonObject
            {
                ["source"] = "pals",
                ["organisationKind"] = "acute-trust",
                ["serviceArea"] = Areas[(user.Number + i) % Areas.Length],
                ["theme"] = "dementia",
                ["kind"] = "concern",
                ["frequency"] = "2-4",
                ["cause"] = "skills-or-knowledge",
                ["note"] = "Staff did not seem to know how to help.",
            }));
        }

        _forms[user.Number] = forms;
    }

    public override (string Verb, JsonObject Data)? Next(VirtualUser user) =>
        _forms[user.Number].TryDequeue(out var data) ? (LogVerb, data) : null;

    public override bool Accept(VirtualUser user, JsonObject? card) =>
        card is not null && card.ToJsonString().Contains("Thank you", StringComparison.Ordinal);
}

/// <summary>
/// Saving a review step: each user (a bench manager) opens a review of their report during set-up, then the turns
/// press Next on step 1 and Back on step 2 in turn. Each press saves the step's answers at the draft's ETag, which the
/// card carries, so each press is made on the card the last one answered with.
/// </summary>
internal sealed class ReviewStepScript(BenchClient client) : PressScript(client)
{
    private const string NextVerb = "review.next";
    private const string BackVerb = "review.back";
    private readonly ConcurrentDictionary<int, ReviewState> _reviews = new();

    public override async Task PrepareAsync(VirtualUser user, int presses, CancellationToken ct)
    {
        var card = await Client.PressAsync(user, "review.open", new JsonObject { ["personId"] = TeamsActivities.BenchReportId(user.Number) }, ct);
        if (card is null || FindAction(card, NextVerb) is null)
        {
            throw new InvalidOperationException($"review.open gave no step card for bench manager {user.Number}: is the people directory seeded with the bench's people? {card?.ToJsonString()[..Math.Min(300, card.ToJsonString().Length)]}");
        }

        // A later round's user is the same bench manager, whose draft the bot resumes at the step it was left on.
        while (FindAction(card, BackVerb) is not null)
        {
            card = await Client.PressAsync(user, BackVerb, PressData(card, BackVerb, new JsonObject()), ct)
                ?? throw new InvalidOperationException($"review.back gave no card for bench manager {user.Number}");
        }

        _reviews[user.Number] = new ReviewState(card, OnFirstStep: true);
    }

    public override (string Verb, JsonObject Data)? Next(VirtualUser user)
    {
        var (card, onFirstStep) = _reviews[user.Number];
        return onFirstStep
            ? (NextVerb, PressData(card, NextVerb, new JsonObject
            {
                ["wentWell"] = $"Clear, calm handovers ({Environment.TickCount64 % 1000}).",
                ["evenBetter"] = "Notes written before the end of the shift.",
            }))
            : (BackVerb, PressData(card, BackVerb, new JsonObject { ["personView"] = "Weekend staffing is hard." }));
    }

    public override bool Accept(VirtualUser user, JsonObject? card)
    {
        var onFirstStep = _reviews[user.Number].OnFirstStep;
        // Next on step 1 gives step 2 (which has Back); Back on step 2 gives step 1 (which has no Back).
        var moved = card is not null && (FindAction(card, BackVerb) is not null) == onFirstStep && FindAction(card, NextVerb) is not null;
        if (moved)
        {
            _reviews[user.Number] = new ReviewState(card!, !onFirstStep);
        }

        return moved;
    }

    private sealed record ReviewState(JsonObject Card, bool OnFirstStep);
}

/// <summary>Set-up posts: a question answered through the connector, or a button press answered in the response.</summary>
internal sealed class BenchClient(HttpClient http, ConnectorSink sink, TeamsActivities activities, BenchOptions options)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <summary>Asks the next of the texts; the card of the reply.</summary>
    public async Task<JsonObject?> AskAsync(VirtualUser user, CancellationToken ct)
    {
        var activityId = activities.NextActivityId();
        var reply = sink.Expect(activityId, keepBody: true);
        using var response = await PostAsync(activities.Message(user, activityId), ct);
        if (!response.IsSuccessStatusCode)
        {
            sink.Forget(activityId);
            return null;
        }

        var arrived = await reply.WaitAsync(options.ReplyTimeout, ct);
        return arrived.Body is { } body ? JsonNode.Parse(body)?["attachments"]?[0]?["content"] as JsonObject : null;
    }

    /// <summary>Presses a button; the card the invoke answered with (null for a message or a failure).</summary>
    public async Task<JsonObject?> PressAsync(VirtualUser user, string verb, JsonObject data, CancellationToken ct)
    {
        using var response = await PostAsync(activities.Invoke(user, activities.NextActivityId(), verb, data), ct);
        return response.IsSuccessStatusCode ? CardOf(await response.Content.ReadAsByteArrayAsync(ct)) : null;
    }

    /// <summary>Makes a team channel the L&amp;D channel, as the support team would; the bot confirms in the channel.</summary>
    public async Task ChooseExpertChannelAsync(CancellationToken ct)
    {
        using var response = await PostAsync(activities.ChooseExpertChannel(activities.NextActivityId()), ct);
        response.EnsureSuccessStatusCode();
    }

    public async Task<HttpResponseMessage> PostAsync(byte[] activity, CancellationToken ct)
    {
        using var content = new ByteArrayContent(activity);
        content.Headers.ContentType = Json;
        return await http.PostAsync(options.Target, content, ct);
    }

    /// <summary>The card of an <c>adaptiveCard/action</c> response (<c>{ statusCode, type, value }</c>).</summary>
    public static JsonObject? CardOf(byte[] body) =>
        body.Length > 0 && JsonNode.Parse(body) is JsonObject answer && answer["type"]?.GetValue<string>() == "application/vnd.microsoft.card.adaptive"
            ? answer["value"] as JsonObject
            : null;
}
