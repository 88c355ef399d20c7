using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using LearningBot.FeedbackSignals;
using LearningBot.Telemetry;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// The real bot with one liaison member of staff (Lena) and a clock standing still on Wednesday 2 December 2026, 14:30
/// UK time; presses buttons the way Teams does (the button's data merged with the card's input values) and counts them.
/// </summary>
public sealed class SignalHarness : IAsyncDisposable
{
    public static readonly TestPerson Liaison = new("29:lena-okoro", "5e2a7c1d-8b3f-4d6e-9a0b-1c2d3e4f5a6b", "Lena Okoro");
    public static readonly TestPerson Outsider = new("29:omar-hale", "8f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "Omar Hale");

    /// <summary>A complete set of answers, every one from its list.</summary>
    public static JsonObject Answers() => new()
    {
        [SignalInputs.Source] = "pals",
        [SignalInputs.OrganisationKind] = "acute-trust",
        [SignalInputs.ServiceArea] = "inpatient-wards",
        [SignalInputs.Theme] = "dementia",
        [SignalInputs.Kind] = "concern",
        [SignalInputs.Frequency] = "2-4",
        [SignalInputs.Cause] = "skills-or-knowledge",
        [SignalInputs.Note] = "",
    };

    private readonly MeterListener _turns = new();
    private readonly ConcurrentQueue<(string Capability, string Route, string Outcome)> _outcomes = new();

    private SignalHarness(BotTestHost bot)
    {
        Bot = bot;
        _turns.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BotTelemetry.Name && instrument.Name == "learningbot.turns")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _turns.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            _outcomes.Enqueue((Tag(tags, TelemetryTags.Capability), Tag(tags, TelemetryTags.Route), Tag(tags, TelemetryTags.Outcome))));
        _turns.Start();
    }

    public BotTestHost Bot { get; }

    public int Presses { get; private set; }

    public FeedbackSignalStore Signals => Bot.Services.GetRequiredService<FeedbackSignalStore>();

    private string ServiceUrl => Bot.Connector.ServiceUrl;

    public static async Task<SignalHarness> StartAsync(AzuriteFixture azurite)
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-02T14:30:00Z"));
        var bot = await BotTestHost.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Roles:LiaisonStaff:0"] = Liaison.AadObjectId },
            services => services.AddSingleton<TimeProvider>(clock));
        return new SignalHarness(bot);
    }

    /// <summary>Feedback signal turns recorded with this outcome (on every host in the run: only this class makes feedback signal turns refused).</summary>
    public IReadOnlyList<string> RoutesWithOutcome(string outcome) =>
        [.. _outcomes.Where(o => o.Capability == "FeedbackSignals" && o.Outcome == outcome).Select(o => o.Route)];

    /// <summary>Presses the welcome card's "Record a signal" button, which <paramref name="person"/> was sent after typing <c>help</c>.</summary>
    public async Task<JsonObject> OpenFromWelcomeCardAsync(TestPerson person)
    {
        await Bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "help").From(person));
        var welcome = CardJson.Of(Assert.Single(Bot.Connector.Sent));
        Bot.Connector.Reset();
        return await PressAsync(person, welcome, SignalVerbs.Start);
    }

    /// <summary>Presses the card's button with this verb, sending its data and <paramref name="inputs"/>; the card that came back.</summary>
    public async Task<JsonObject> PressAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null) =>
        CardJson.FromInvoke(await PressForAnswerAsync(person, card, verb, inputs));

    /// <summary>The same, for the invoke's whole answer (a card or a message).</summary>
    public async Task<JsonObject> PressForAnswerAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null)
    {
        var data = CardJson.ActionByVerb(card, verb)["data"]?.DeepClone().AsObject() ?? [];
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        Presses++;
        var response = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    /// <summary>The signal a form stores for <paramref name="person"/>, when one was stored.</summary>
    public Task<FeedbackSignal?> StoredFromAsync(TestPerson person, JsonObject form) =>
        Signals.FindAsync(FeedbackSignal.IdFor(person.AadObjectId, FormToken(form)), CancellationToken.None);

    public static string FormToken(JsonObject form) =>
        CardJson.ActionByVerb(form, SignalVerbs.Log)["data"]![SignalInputs.FormToken]!.GetValue<string>();

    private static string Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == name)
            {
                return tag.Value as string ?? string.Empty;
            }
        }

        return string.Empty;
    }

    public async ValueTask DisposeAsync()
    {
        _turns.Dispose();
        await Bot.DisposeAsync();
    }
}
