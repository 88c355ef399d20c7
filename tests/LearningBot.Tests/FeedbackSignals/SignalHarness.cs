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
    public static readonly TestPerson Moderator = new("29:mo-reid", "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f", "Mo Reid");
    public static readonly TestPerson SecondModerator = new("29:nia-bell", "6f5e4d3c-2b1a-4098-9f8e-7d6c5b4a3f2e", "Nia Bell");
    public static readonly TestPerson SupportTeam = new("29:sam-ito", "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", "Sam Ito");
    public static readonly TestPerson BoardMember = new("29:bo-ward", "b0a1d2e3-f4a5-4b6c-8d7e-9f0a1b2c3d4e", "Bo Ward");

    /// <summary>The L&amp;D channel, once chosen with "set expert channel" (<see cref="SetChannelAsync"/>).</summary>
    public const string Channel = "19:hub@thread.tacv2";

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

    /// <summary>The clock the bot reads, standing still until a test moves it.</summary>
    public ManualClock Clock => (ManualClock)Bot.Services.GetRequiredService<TimeProvider>();

    public FeedbackSignalStore Signals => Bot.Services.GetRequiredService<FeedbackSignalStore>();

    private string ServiceUrl => Bot.Connector.ServiceUrl;

    public static async Task<SignalHarness> StartAsync(AzuriteFixture azurite, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-12-02T14:30:00Z"));
        var configuration = new Dictionary<string, string?>
        {
            ["Roles:LiaisonStaff:0"] = Liaison.AadObjectId,
            ["Roles:Moderators:0"] = Moderator.AadObjectId,
            ["Roles:Moderators:1"] = SecondModerator.AadObjectId,
            ["Roles:SupportTeam:0"] = SupportTeam.AadObjectId,
            ["Roles:Board:0"] = BoardMember.AadObjectId,

            // Tests run the alert follow-up themselves (AlertFollowUp.RunOnceAsync), with the clock where they want it.
            ["FeedbackSignals:Alert:FollowUpInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var bot = await BotTestHost.StartAsync(
            azurite,
            configuration,
            collection =>
            {
                collection.AddSingleton<TimeProvider>(clock);
                services?.Invoke(collection);
            });

        // The capability's tables are made before the first turn, as a running bot's are by the time people use them: a
        // turn that has to make a table on a busy test machine can run out of its storage time.
        var signals = bot.Services.GetRequiredService<FeedbackSignalStore>();
        var alerts = bot.Services.GetRequiredService<SignalAlerts>();
        await signals.FindAsync("none", CancellationToken.None);
        await alerts.FindAsync("none", CancellationToken.None);
        await alerts.FindThemeAsync("none", "none", "none", CancellationToken.None);
        return new SignalHarness(bot);
    }

    /// <summary>Feedback signal turns recorded with this outcome (on every host in the run: only this class makes feedback signal turns refused).</summary>
    public IReadOnlyList<string> RoutesWithOutcome(string outcome) =>
        [.. _outcomes.Where(o => o.Capability == "FeedbackSignals" && o.Outcome == outcome).Select(o => o.Route)];

    /// <summary>Presses the welcome card's "Record a signal" button, which <paramref name="person"/> was sent after typing <c>help</c>.</summary>
    public async Task<JsonObject> OpenFromWelcomeCardAsync(TestPerson person)
    {
        await Bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "help").From(person));
        // Moderation cards still owed from earlier tests (the table outlives a test) may reach the channel meanwhile.
        var welcome = CardJson.Of(Assert.Single(Bot.Connector.Sent, sent => sent.ConversationId != Channel));
        Bot.Connector.Reset();
        return await PressAsync(person, welcome, SignalVerbs.Start);
    }

    /// <summary>Presses the card's button with this verb, sending its data and <paramref name="inputs"/>; the card that came back.</summary>
    public async Task<JsonObject> PressAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null) =>
        CardJson.FromInvoke(await PressForAnswerAsync(person, card, verb, inputs));

    /// <summary>The same, for the invoke's whole answer (a card or a message).</summary>
    public Task<JsonObject> PressForAnswerAsync(TestPerson person, JsonObject card, string verb, JsonObject? inputs = null) =>
        PressActionAsync(person, CardJson.ActionByVerb(card, verb), inputs);

    /// <summary>Presses the button with this title (for verbs several buttons share); the invoke's whole answer.</summary>
    public Task<JsonObject> PressTitledAsync(TestPerson person, JsonObject card, string title, JsonObject? inputs = null) =>
        PressActionAsync(person, CardJson.ActionByTitle(card, title) ?? throw new InvalidOperationException($"No button {title}."), inputs);

    private async Task<JsonObject> PressActionAsync(TestPerson person, JsonObject action, JsonObject? inputs)
    {
        var verb = action["verb"]!.GetValue<string>();
        var data = action["data"]?.DeepClone().AsObject() ?? [];
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

    /// <summary>A member of the L&amp;D Support Team chooses the L&amp;D channel, as for escalated questions.</summary>
    public Task SetChannelAsync() =>
        Bot.PostActivityAsync(TeamsActivities.ChannelMention(ServiceUrl, "set expert channel").From(SupportTeam));

    /// <summary>Lena logs a signal with the usual answers and <paramref name="note"/>; its id.</summary>
    public async Task<string> LogSignalAsync(string note = "")
    {
        var form = await OpenFromWelcomeCardAsync(Liaison);
        var answers = Answers();
        answers[SignalInputs.Note] = note;
        await PressAsync(Liaison, form, SignalVerbs.Log, answers);
        return FeedbackSignal.IdFor(Liaison.AadObjectId, FormToken(form));
    }

    /// <summary>The signal's moderation card as the L&amp;D channel shows it now (after any updates in place), once posted.</summary>
    public async Task<JsonObject?> ModerationCardAsync(string signalId)
    {
        var posted = LearningBot.Connector.Hosting.SentMessage.FromJson((await Signals.FindAsync(signalId, CancellationToken.None))?.ModerationCard);
        var shown = posted is null ? null : Bot.Connector.Current(Channel).SingleOrDefault(s => s.ActivityId == posted.ActivityId);
        return shown is null ? null : CardJson.Of(shown.Activity);
    }

    /// <summary>How many posts of moderation cards the channel was sent, over the run.</summary>
    public int ModerationPosts() =>
        Bot.Connector.Sent.Count(s => s.ConversationId == Channel && s.ReplyToId is null && CardJson.Texts(s.Activity).Contains("Feedback signal:", StringComparison.Ordinal));

    /// <summary>How many moderation cards of this signal were posted in the channel (not updates in place), over the run.</summary>
    public int ModerationPostsOf(string signalId) =>
        Bot.Connector.Sent.Count(s => s.ConversationId == Channel && s.ReplyToId is null && CardJson.Of(s.Activity).ToJsonString().Contains(signalId, StringComparison.Ordinal));

    public static string FormToken(JsonObject form) =>
        CardJson.ActionByVerb(form, SignalVerbs.Log)["data"]![SignalInputs.FormToken]!.GetValue<string>();

    /// <summary>Lena logs a concern about the theme; a moderator accepts it (flagged urgent when asked) on its card. Its id.</summary>
    public Task<string> AcceptConcernAsync(string theme, string serviceArea, bool urgent = true, string source = "pals", string organisationKind = "acute-trust") =>
        LogAndAcceptAsync(Liaison, theme, source, urgent: urgent, organisationKind: organisationKind, serviceArea: serviceArea);

    /// <summary>Presses a button with this verb for the alert, whether or not the card shows it (as a crafted or stale press would); the invoke's whole answer.</summary>
    public async Task<JsonObject> PressVerbAsync(TestPerson person, string verb, string alertId, JsonObject? inputs = null)
    {
        var data = new JsonObject { ["alertId"] = alertId };
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        Presses++;
        var response = await Bot.PostActivityAsync(TeamsActivities.ExecuteAction(ServiceUrl, verb, data).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    /// <summary>
    /// Lena logs a concern about the theme (the L&amp;D channel must be chosen), and a moderator accepts it as logged or
    /// flags it urgent on its moderation card; the signal's id.
    /// </summary>
    public Task<string> LogAndModerateAsync(string theme, string source = "pals", bool urgent = false, string note = "", string organisationKind = "acute-trust") =>
        LogAndAcceptAsync(Liaison, theme, source, urgent: urgent, note: note, organisationKind: organisationKind);

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

    /// <summary>Adds a lead to the register, as the L&amp;D Support Team would.</summary>
    public async Task<LearningBot.Leads.LeadEntry> AddLeadAsync(TestPerson person, string organisationKind, string[] themes, string kind = "clinical-lead")
    {
        var register = Bot.Services.GetRequiredService<LearningBot.Leads.LeadRegister>();
        var details = new LearningBot.Leads.LeadDetails(
            LearningBot.Privacy.ScrubbedText.Empty, LearningBot.Privacy.ScrubbedText.Empty, organisationKind, themes, LearningBot.Leads.AlertPreferences.StraightAway);
        var (entry, _) = await register.AddAsync(LearningBot.Leads.LeadEntry.Create(details, person.AadObjectId, person.Name, "test", DateTimeOffset.UtcNow) with { Kind = kind }, CancellationToken.None);
        return entry;
    }

    /// <summary>
    /// <paramref name="person"/> (liaison staff or the L&amp;D Support Team) logs a signal with these answers through the
    /// <c>feedback</c> command; a moderator accepts it on its moderation card. Its id.
    /// </summary>
    public async Task<string> LogAndAcceptAsync(
        TestPerson person, string theme, string source, string kind = "concern", bool urgent = false, string note = "", string organisationKind = "acute-trust", string serviceArea = "inpatient-wards")
    {
        await Bot.PostActivityAsync(TeamsActivities.Message(ServiceUrl, "feedback").From(person));
        var form = CardJson.Of(Bot.Connector.Sent.Last(s => s.ConversationId != Channel));
        var answers = Answers();
        answers[SignalInputs.Theme] = theme;
        answers[SignalInputs.Source] = source;
        answers[SignalInputs.Kind] = kind;
        answers[SignalInputs.OrganisationKind] = organisationKind;
        answers[SignalInputs.ServiceArea] = serviceArea;
        answers[SignalInputs.Note] = note;
        await PressAsync(person, form, SignalVerbs.Log, answers);
        var id = FeedbackSignal.IdFor(person.AadObjectId, FormToken(form));
        JsonObject? card = null;
        Assert.True(await Eventually.TrueAsync(async () => (card = await ModerationCardAsync(id)) is not null), "The moderation card was never posted.");
        await PressForAnswerAsync(Moderator, card!, urgent ? SignalVerbs.Urgent : SignalVerbs.Accept);
        return id;
    }
}
