using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using LearningBot.Connector.Hosting;
using LearningBot.Telemetry;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Routing;

/// <summary>
/// The real bot, with someone in each role the corpus needs, and a listener on the bot's turn spans: each phrase is
/// posted as Teams sends it, under a trace of its own, and lands where the turn's span says the router sent it. A turn
/// the one-stop shop took is the menu when the reply is the welcome card (small talk), a question otherwise.
/// </summary>
public sealed class NaturalCommandHarness : BotHostFixture, IDisposable
{
    public const string Menu = "menu";
    public const string Question = "question";

    public static readonly TestPerson Staff = TestPerson.Alex;
    public static readonly TestPerson SupportTeam = new("29:nat-support", "4d0c9b8a-7e6f-4a5b-8c9d-0e1f2a3b4c5d", "Sol Avery");
    public static readonly TestPerson Liaison = new("29:nat-liaison", "5e1d0c9b-8a7f-4b6c-9d0e-1f2a3b4c5d6e", "Lee Patel");
    public static readonly TestPerson DigestEditor = new("29:nat-editor", "6f2e1d0c-9b8a-4c7d-8e1f-2a3b4c5d6e7f", "Dee Okafor");

    private readonly ConcurrentDictionary<ActivityTraceId, string> _routes = new();
    private readonly ConcurrentDictionary<ActivityTraceId, bool> _traces = new();
    private ActivityListener? _listener;

    /// <summary>The phrases the loose reading of commands was made with.</summary>
    public const string Corpus = "natural-commands.json";

    /// <summary>Phrases written afterwards and never used to change the rules: how well they carry over.</summary>
    public const string Unseen = "natural-commands-unseen.json";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Roles:SupportTeam:0"] = SupportTeam.AadObjectId,
        ["Roles:LiaisonStaff:0"] = Liaison.AadObjectId,
        ["Roles:DigestEditors:0"] = DigestEditor.AadObjectId,
    };

    public static IReadOnlyList<NaturalPhrase> Load(string file) =>
        JsonSerializer.Deserialize<List<NaturalPhrase>>(
            File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "LearningBot.Tests", "Routing", file)), new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    public static TestPerson Person(string? role) => role switch
    {
        null or "staff" => Staff,
        "support" => SupportTeam,
        "liaison" => Liaison,
        "editor" => DigestEditor,
        _ => throw new ArgumentException($"No one in the corpus has the role '{role}'.", nameof(role)),
    };

    protected override Task StartedAsync()
    {
        // The ASP.NET Core request span carries the test's trace id to the bot's turn span beneath it; spans of other
        // traces (other test classes' hosts in the same process) are not made at all.
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is BotTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                _traces.ContainsKey(options.TraceId) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = span =>
            {
                if (span.Source.Name == BotTelemetry.Name && span.OperationName == TurnTelemetry.SpanName)
                {
                    _routes[span.TraceId] = span.GetTagItem(TelemetryTags.Route) as string ?? "none";
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        return Task.CompletedTask;
    }

    /// <summary>Where <paramref name="phrase"/> lands: a command's first spelling, <see cref="Menu"/> or <see cref="Question"/>.</summary>
    public async Task<string> DestinationAsync(NaturalPhrase phrase)
    {
        var conversationId = "a:" + Guid.NewGuid().ToString("N");
        var activity = TeamsActivities.Message(Bot.Connector.ServiceUrl, phrase.Text, conversationId).From(Person(phrase.As));
        var traceId = ActivityTraceId.CreateRandom();
        _traces[traceId] = true;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await Bot.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.True(await Eventually.TrueAsync(() => _routes.ContainsKey(traceId)), $"No turn span for \"{phrase.Text}\".");
        return _routes[traceId] switch
        {
            "help" => Menu,
            RouteKinds.Message => IsWelcomeCard(conversationId) ? Menu : Question,
            var route => route,
        };
    }

    public void Dispose() => _listener?.Dispose();

    private bool IsWelcomeCard(string conversationId) =>
        Bot.Connector.Sent.Where(sent => sent.ConversationId == conversationId)
            .Any(sent => sent.Activity.Attachments is { Count: > 0 } && CardJson.Texts(CardJson.Of(sent.Activity)).Contains("I'm LearningBot", StringComparison.Ordinal));
}

/// <summary>A phrase as someone types it, where it should land, and the role of who types it (staff unless given).</summary>
public sealed record NaturalPhrase(string Text, string Expect, string? As = null);
