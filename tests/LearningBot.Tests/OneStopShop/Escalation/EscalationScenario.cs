using System.Text.Json.Nodes;
using LearningBot.OneStopShop.Escalation;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop.Escalation;

/// <summary>
/// The real bot (Azurite storage, fake connector) with an asker, two L&amp;D team members and an outsider, a clock
/// that stands still on Friday 20 November 2026 14:30 UK time, and helpers to act as each of them.
/// </summary>
public sealed class EscalationScenario : IAsyncDisposable
{
    public const string ChannelThread = "19:hub@thread.tacv2;messageid=1700000000000";
    public const string Channel = "19:hub@thread.tacv2";

    public static readonly TestPerson Asker = TestPerson.Alex;
    public static readonly TestPerson Sam = new("29:sam-patel", "3c9d5e2f-6071-4d84-9eaf-2b4a5c6d7e83", "Sam Patel");
    public static readonly TestPerson Grace = new("29:grace-lewis", "2b8c4d1e-5f60-4c73-8d9e-1a3f4b5c6d72", "Grace Lewis");
    public static readonly TestPerson Outsider = new("29:olly-reed", "9d0e1f2a-0000-4000-8000-0000000001ee", "Olly Reed");

    private readonly AzuriteFixture _azurite;

    private EscalationScenario(BotTestHost bot, ManualClock clock, AzuriteFixture azurite)
    {
        Bot = bot;
        Clock = clock;
        _azurite = azurite;
    }

    public BotTestHost Bot { get; }

    public ManualClock Clock { get; }

    public FakeConnector Connector => Bot.Connector;

    public string AskerChat { get; } = "a:" + Guid.NewGuid().ToString("N");

    public TicketStore Tickets => Bot.Services.GetRequiredService<TicketStore>();

    /// <summary>Starts the bot on empty escalation tables. Sam and Grace are on the configured support team.</summary>
    public static async Task<EscalationScenario> StartAsync(
        AzuriteFixture azurite, IKnowledgeArticleWriter? knowledge = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        foreach (var table in new[] { TicketStore.TableName, ExpertChannelStore.TableName })
        {
            await azurite.Table(table).DeleteAsync();
        }

        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-20T14:30:00Z"));
        var all = new Dictionary<string, string?>
        {
            ["Roles:SupportTeam:0"] = Sam.AadObjectId,
            ["Roles:SupportTeam:1"] = Grace.TeamsId,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var bot = await BotTestHost.StartAsync(azurite, all, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            if (knowledge is not null)
            {
                services.AddSingleton(knowledge);
            }
        });
        return new EscalationScenario(bot, clock, azurite);
    }

    /// <summary>The person's message in their 1:1 chat (so the bot can reach them later).</summary>
    public JsonObject PersonalMessage(TestPerson person, string text, string? conversationId = null) =>
        TeamsActivities.Message(Connector.ServiceUrl, text, conversationId ?? AskerChat).From(person);

    /// <summary>An @mention of the bot in the expert channel.</summary>
    public JsonObject ChannelMessage(TestPerson person, string text) =>
        TeamsActivities.ChannelMention(Connector.ServiceUrl, text).From(person);

    public JsonObject PersonalAction(TestPerson person, string verb, JsonObject data) =>
        TeamsActivities.ExecuteAction(Connector.ServiceUrl, verb, data, AskerChat).From(person);

    public JsonObject ChannelAction(TestPerson person, string verb, JsonObject data)
    {
        var activity = TeamsActivities.ExecuteAction(Connector.ServiceUrl, verb, data, ChannelThread).From(person);
        activity["conversation"]!["conversationType"] = "channel";
        activity["conversation"]!["isGroup"] = true;
        activity["channelData"]!["team"] = new JsonObject { ["id"] = Channel, ["name"] = "Learning Hub" };
        activity["channelData"]!["channel"] = new JsonObject { ["id"] = Channel, ["name"] = "General" };
        return activity;
    }

    /// <summary>A press (or, with <paramref name="trigger"/> <c>automatic</c>, a refresh) on the card in message <paramref name="cardActivityId"/> of a group chat.</summary>
    public JsonObject GroupAction(TestPerson person, string verb, JsonObject data, string cardActivityId, string trigger = "manual")
    {
        var activity = TeamsActivities.ExecuteAction(Connector.ServiceUrl, verb, data, GroupChat, cardActivityId, trigger).From(person);
        activity["conversation"]!["conversationType"] = "groupChat";
        activity["conversation"]!["isGroup"] = true;
        return activity;
    }

    /// <summary>The group chat of <see cref="TeamsActivities.GroupChatMention"/>.</summary>
    public const string GroupChat = "19:meeting-carehome-supervisors@thread.v2";

    public async Task SetExpertChannelAsync()
    {
        await Bot.PostActivityAsync(ChannelMessage(Sam, "set expert channel"));
    }

    /// <summary>
    /// The asker says hello, opens the ask form from the "Ask the L&amp;D team" button and sends it; if the form comes
    /// back with identifiers removed, they send what it shows. Returns the ticket's id (what the buttons carry) and the
    /// confirmation card, which shows only the reference.
    /// </summary>
    public async Task<(string TicketId, JsonObject SentCard)> EscalateAsync(string question, string context = "")
    {
        await Bot.PostActivityAsync(PersonalMessage(Asker, "help"));
        var form = await InvokeCardAsync(PersonalAction(Asker, EscalationVerbs.Escalate, new JsonObject { ["question"] = question }));
        var token = ClientToken(form);
        var sent = await InvokeCardAsync(PersonalAction(Asker, EscalationVerbs.Submit, Submit(token, question, context)));
        if (InputValue(sent, "question") is { } scrubbed)
        {
            sent = await InvokeCardAsync(PersonalAction(Asker, EscalationVerbs.Submit, Submit(token, scrubbed, InputValue(sent, "context") ?? string.Empty)));
        }

        return (await TicketIdAsync(Reference(sent)), sent);
    }

    /// <summary>The id of the one ticket with this reference, read straight from the table (the bot never looks tickets up by reference).</summary>
    public async Task<string> TicketIdAsync(string reference)
    {
        var filter = Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey eq {TicketEntity.TicketRowKey} and Reference eq {reference}");
        var found = await _azurite.Table(TicketStore.TableName).QueryAsync<TicketEntity>(filter).ToListAsync();
        return Assert.Single(found).Id;
    }

    /// <summary>The value an input on the card holds, or null when the card has no such input.</summary>
    public static string? InputValue(JsonObject card, string inputId) =>
        CardJson.Descendants(card).FirstOrDefault(n => n["id"]?.GetValue<string>() == inputId && n["type"]?.GetValue<string>() == "Input.Text")?["value"]?.GetValue<string>();

    public static JsonObject Submit(string clientToken, string question, string context = "") => new()
    {
        ["clientToken"] = clientToken,
        ["question"] = question,
        ["context"] = context,
    };

    /// <summary>Posts an invoke and returns its answer body ({statusCode, type, value}).</summary>
    public async Task<JsonObject> InvokeAsync(JsonObject activity)
    {
        var response = await Bot.PostActivityAsync(activity);
        response.EnsureSuccessStatusCode();
        return await BotTestHost.ReadJsonAsync(response);
    }

    /// <summary>Posts an invoke that must answer with a card, and returns the card.</summary>
    public async Task<JsonObject> InvokeCardAsync(JsonObject activity) => CardJson.FromInvoke(await InvokeAsync(activity));

    /// <summary>Messages the bot posted as new messages in the expert channel.</summary>
    public IReadOnlyList<SentActivity> ChannelPosts() =>
        [.. Connector.Sent.Where(s => s.ConversationId == Channel && s.ReplyToId is null)];

    /// <summary>Cards the asker received in their 1:1 chat after <paramref name="after"/> sends.</summary>
    public IReadOnlyList<string> AskerCards(int after = 0) =>
        [.. Connector.Sent.Skip(after).Where(s => s.ConversationId == AskerChat && s.Activity.Attachments is { Count: > 0 }).Select(s => CardJson.Texts(s.Activity))];

    /// <summary>What the ticket's card in the channel shows now (after any in-place updates).</summary>
    public string ChannelCardNow(string ticketId) =>
        CardJson.Texts(Connector.Current(Channel)
            .Last(s => s.Activity.Attachments is { Count: > 0 } && CardJson.Texts(s.Activity).Contains(ticketId, StringComparison.Ordinal)).Activity);

    public int ChannelCardUpdates() =>
        Connector.Requests.Count(r => r.Method == "PUT" && r.Segments.Count > 2 && r.Segments[2] == Channel);

    public static string ClientToken(JsonObject form) =>
        CardJson.Descendants(form).Select(n => n["data"]?["clientToken"]?.GetValue<string>()).First(t => t is not null)!;

    public static string Reference(JsonObject sentCard) =>
        CardJson.Descendants(sentCard).Where(n => n["title"]?.GetValue<string>() == "Reference").Select(n => n["value"]!.GetValue<string>()).Single();

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}

/// <summary>A knowledge store seam that keeps the drafts it was given, to check what the workflow saves.</summary>
public sealed class RecordingKnowledgeWriter : IKnowledgeArticleWriter
{
    private readonly List<(KnowledgeArticle Article, string EditedBy)> _saved = [];

    public IReadOnlyList<(KnowledgeArticle Article, string EditedBy)> Saved
    {
        get
        {
            lock (_saved)
            {
                return [.. _saved];
            }
        }
    }

    public Task SaveDraftAsync(KnowledgeArticle draft, string createdBy, CancellationToken cancellationToken)
    {
        lock (_saved)
        {
            _saved.Add((draft, createdBy));
        }

        return Task.CompletedTask;
    }
}
