using System.Globalization;
using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.Delivery.Sending;
using LearningBot.People;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningBot.Tests.Delivery;

/// <summary>The delivery sender against the fake Bot Connector, the Graph stub (through the real Graph SDK) and Azurite.</summary>
public sealed class RecipientSenderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string AppId = "6f1c2a52-8c1d-4d6e-9a57-0b1c2d3e4f50";
    private const string TeamsAppId = "3a9e1f00-2b4c-4d5e-8f60-7a8b9c0d1e2f";
    private const string Tenant = "b1d1a6a4-0000-4000-8000-0000000000aa";

    private static readonly FakeFailure NotInRoster = new(403, TeamsErrorCodes.BotNotInConversationRoster, "The bot is not part of the conversation roster.");

    private FakeConnector _connector = null!;
    private GraphStub _graph = null!;
    private ServiceProvider _services = null!;

    private IRecipientSender Sender => _services.GetRequiredService<IRecipientSender>();

    private TenantSendBudget Budget => (TenantSendBudget)_services.GetRequiredService<ISendBudget>();

    private ConversationReferenceStore References => _services.GetRequiredService<ConversationReferenceStore>();

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _graph = await GraphStub.StartAsync();
        _services = BuildServices();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _graph.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Sends_to_the_stored_chat_when_the_person_has_one()
    {
        var person = NewPerson();
        await References.RememberPersonalChatAsync(person, Chat("a:stored-" + person), CancellationToken.None);

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Course reminder"), SendPace.Paced, CancellationToken.None);

        var sent = Assert.IsType<RecipientSendResult.Sent>(result);
        Assert.Equal("a:stored-" + person, sent.ConversationId);
        Assert.Equal(sent.ActivityId, Assert.Single(_connector.Sent).ActivityId);
        Assert.Empty(_connector.CreatedConversations);
    }

    [Fact]
    public async Task Opens_a_chat_in_the_documented_shape_stores_it_and_sends_to_it()
    {
        var person = NewPerson();

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Welcome to the hub"), SendPace.Paced, CancellationToken.None);

        var sent = Assert.IsType<RecipientSendResult.Sent>(result);
        var create = _connector.Requests.Single(request => request.Method == "POST" && request.Segments.Count == 2).BodyJson!;
        Assert.False((bool)create["isGroup"]!);
        Assert.Equal("28:" + AppId, (string?)create["bot"]!["id"]);
        Assert.Equal(person, (string?)Assert.Single(create["members"]!.AsArray())!["id"]);
        Assert.Equal(Tenant, (string?)create["tenantId"]);
        Assert.Equal(Tenant, (string?)create["channelData"]!["tenant"]!["id"]);
        Assert.Equal(sent.ConversationId, Assert.Single(_connector.Sent).ConversationId);
        var stored = await References.FindPersonalChatAsync(person, CancellationToken.None);
        Assert.Equal(sent.ConversationId, stored?.Conversation?.Id);
        Assert.Equal(_connector.ServiceUrl, stored?.ServiceUrl);
    }

    [Fact]
    public async Task Installs_the_app_through_Graph_when_the_bot_is_not_in_the_persons_roster_then_sends()
    {
        var person = NewPerson();
        _graph.AddUser(new GraphStubUser(person, "Priya Shah"));
        _connector.RefuseConversation = parameters => _graph.InstalledApps.ContainsKey(parameters.Members![0].Id!) ? null : NotInRoster;

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("New course"), SendPace.Paced, CancellationToken.None);

        Assert.IsType<RecipientSendResult.Sent>(result);
        Assert.Equal(GraphTeamsAppInstaller.AppCatalogUrl + TeamsAppId, _graph.InstalledApps[person]);
        var install = _graph.Requests.Single(request => request.Path.EndsWith("/teamwork/installedApps", StringComparison.Ordinal));
        Assert.Equal($"/v1.0/users/{person}/teamwork/installedApps", install.Path);
        Assert.Equal("Bearer graph-token", install.Authorization);
        Assert.Single(_connector.Sent);
    }

    [Fact]
    public async Task An_app_already_installed_counts_as_installed()
    {
        var person = NewPerson();
        _graph.AddUser(new GraphStubUser(person, "Sam Okafor")).AlreadyInstalled(person, GraphTeamsAppInstaller.AppCatalogUrl + TeamsAppId);
        var refusals = 1;
        _connector.RefuseConversation = _ => Interlocked.Decrement(ref refusals) >= 0 ? NotInRoster : null;

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        Assert.IsType<RecipientSendResult.Sent>(result);
        Assert.Contains(_graph.Requests, request => request.Path.EndsWith("/teamwork/installedApps", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("unknown-user", UnreachableReasons.LeftOrganisation)]
    [InlineData("blocked", UnreachableReasons.AppBlocked)]
    [InlineData("no-licence", UnreachableReasons.NoTeams)]
    public async Task A_person_Graph_cannot_install_the_app_for_is_unreachable_with_the_reason(string graphAnswer, string reason)
    {
        var person = NewPerson();
        if (graphAnswer != "unknown-user")
        {
            _graph.AddUser(new GraphStubUser(person, "Alex Morgan"));
        }

        if (graphAnswer == "blocked")
        {
            _graph.RefuseInstallFor(person, 403, "Forbidden", $"App is blocked by app permission policy. TenantId: {Tenant}, UserObjectId: {person}, AppId: {TeamsAppId}, AppType: Private", innerCode: "AccessDenied");
        }
        else if (graphAnswer == "no-licence")
        {
            _graph.RefuseInstallFor(person, 403, "Forbidden", "Failed to get license information for the user. Ensure user has a valid Office365 license assigned to them.");
        }

        _connector.RefuseConversation = _ => NotInRoster;

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Alert"), SendPace.Paced, CancellationToken.None);

        Assert.Equal(new RecipientSendResult.Unreachable(reason), result);
        Assert.Empty(_connector.Sent);
    }

    [Fact]
    public async Task A_chat_still_not_ready_after_the_install_is_left_to_the_engine_to_requeue()
    {
        var person = NewPerson();
        _graph.AddUser(new GraphStubUser(person, "Jo Evans"));
        _connector.RefuseConversation = _ => NotInRoster;

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Alert"), SendPace.Paced, CancellationToken.None);

        Assert.Equal(new RecipientSendResult.Transient("app-installing"), result);
        Assert.Equal(1 + 3, _connector.Requests.Count(request => request.Segments.Count == 2));
    }

    [Fact]
    public async Task A_volunteer_without_Teams_is_unreachable_without_any_call()
    {
        var result = await Sender.SendAsync(DeliveryRecipient.Person("local:volunteer-17", usesTeams: false), Message("Digest"), SendPace.Paced, CancellationToken.None);

        Assert.Equal(new RecipientSendResult.Unreachable(UnreachableReasons.NoTeams), result);
        Assert.Empty(_connector.Requests);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("120", 120)]
    public async Task A_429_with_Retry_After_in_seconds_is_throttled_for_that_long_and_blocks_the_conversation(string retryAfter, int seconds)
    {
        var (person, conversation) = await PersonWithChatAsync();
        _connector.FailNext(new FakeFailure(429, TeamsErrorCodes.Throttled, "Too many requests.", RetryAfter: retryAfter));

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        Assert.Equal(new RecipientSendResult.Throttled(TimeSpan.FromSeconds(seconds)), result);
        Assert.Single(_connector.Requests);
        Assert.InRange(Budget.Conversations.TimeUntilFree(conversation), TimeSpan.FromSeconds(seconds - 5), TimeSpan.FromSeconds(seconds));
    }

    [Fact]
    public async Task A_conversation_still_blocked_by_an_earlier_429_goes_back_to_the_queue_without_a_call()
    {
        var (person, conversation) = await PersonWithChatAsync();
        Budget.Throttled(conversation, TimeSpan.FromSeconds(60));

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        var throttled = Assert.IsType<RecipientSendResult.Throttled>(result);
        Assert.InRange(throttled.RetryAfter, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));
        Assert.Empty(_connector.Requests);
    }

    [Fact]
    public async Task A_429_with_Retry_After_as_a_date_is_throttled_until_that_date()
    {
        var (person, _) = await PersonWithChatAsync();
        var until = DateTimeOffset.UtcNow.AddSeconds(90);
        _connector.FailNext(new FakeFailure(429, TeamsErrorCodes.Throttled, "Too many requests.", RetryAfter: until.ToString("R", CultureInfo.InvariantCulture)));

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        var throttled = Assert.IsType<RecipientSendResult.Throttled>(result);
        Assert.InRange(throttled.RetryAfter, TimeSpan.FromSeconds(80), TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_429_without_Retry_After_waits_one_second()
    {
        var (person, _) = await PersonWithChatAsync();
        _connector.FailNext(new FakeFailure(429, TeamsErrorCodes.Throttled, "Too many requests."));

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        Assert.Equal(new RecipientSendResult.Throttled(TimeSpan.FromSeconds(1)), result);
    }

    [Fact]
    public async Task A_503_is_transient_and_not_retried_inside_the_client()
    {
        var (person, _) = await PersonWithChatAsync();
        _connector.FailNext(new FakeFailure(503, "ServiceUnavailable", "Try again."));

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        Assert.IsType<RecipientSendResult.Transient>(result);
        Assert.Single(_connector.Requests);
    }

    [Fact]
    public async Task A_reset_connection_is_transient()
    {
        var (person, _) = await PersonWithChatAsync();
        _connector.FailNext(FakeFailure.Reset, times: 2);

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        Assert.IsType<RecipientSendResult.Transient>(result);
        Assert.Empty(_connector.Sent);
    }

    [Theory]
    [InlineData(400, "BadArgument")]
    [InlineData(401, "BotNotRegistered")]
    [InlineData(404, "NotFound")]
    [InlineData(413, "MessageSizeTooBig")]
    public async Task Other_4xx_answers_are_rejected_and_never_retried(int status, string code)
    {
        var (person, _) = await PersonWithChatAsync();
        _connector.FailNext(new FakeFailure(status, code, "Refused."));

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        Assert.Equal(new RecipientSendResult.Rejected($"http-{status}:{code}"), result);
        Assert.Single(_connector.Requests);
    }

    [Theory]
    [InlineData(403, TeamsErrorCodes.ConversationBlockedByUser, UnreachableReasons.BotRemoved)]
    [InlineData(403, TeamsErrorCodes.BotNotInConversationRoster, UnreachableReasons.BotRemoved)]
    [InlineData(403, TeamsErrorCodes.BotDisabledByAdmin, UnreachableReasons.AppBlocked)]
    [InlineData(404, TeamsErrorCodes.ConversationNotFound, UnreachableReasons.BotRemoved)]
    public async Task A_person_who_blocked_or_removed_the_bot_is_unreachable(int status, string code, string reason)
    {
        var (person, _) = await PersonWithChatAsync();
        _connector.FailNext(new FakeFailure(status, code, "Refused."));

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        Assert.Equal(new RecipientSendResult.Unreachable(reason), result);
        Assert.Empty(_graph.Requests);
    }

    [Fact]
    public async Task The_documented_blocked_writes_answer_makes_the_person_unreachable()
    {
        var (person, _) = await PersonWithChatAsync();
        const string body = """{"errorCode":209,"message":"{\r\n  \"subCode\": \"MessageWritesBlocked\",\r\n  \"details\": \"Thread is blocked from message writes.\",\r\n  \"errorCode\": null,\r\n  \"errorSubCode\": null\r\n}"}""";
        _connector.FailNext(new FakeFailure(403, Body: body));

        var result = await Sender.SendAsync(DeliveryRecipient.Person(person), Message("Digest"), SendPace.Paced, CancellationToken.None);

        Assert.Equal(new RecipientSendResult.Unreachable(UnreachableReasons.BotRemoved), result);
    }

    [Fact]
    public async Task Posts_to_a_channel_from_its_stored_reference()
    {
        var channel = new ConversationReference
        {
            ChannelId = BotChannels.Teams,
            ServiceUrl = _connector.ServiceUrl,
            Bot = new ChannelAccount { Id = "28:" + AppId },
            Conversation = new ConversationAccount { Id = "19:courses@thread.tacv2;messageid=1700000000001", ConversationType = "channel", TenantId = Tenant },
        };
        var recipient = new DeliveryRecipient(RecipientKinds.Channel, "19:courses@thread.tacv2", Conversation: JsonSerializer.Serialize(channel, BotJson.Options));

        var result = await Sender.SendAsync(recipient, Message("New courses this month"), SendPace.Paced, CancellationToken.None);

        var sent = Assert.IsType<RecipientSendResult.Sent>(result);
        Assert.Equal("19:courses@thread.tacv2", sent.ConversationId);
        var post = Assert.Single(_connector.Sent);
        Assert.Equal("19:courses@thread.tacv2", post.ConversationId);
        Assert.Null(post.ReplyToId);
    }

    [Fact]
    public async Task A_channel_that_is_gone_is_unreachable()
    {
        var channel = new ConversationReference
        {
            ChannelId = BotChannels.Teams,
            ServiceUrl = _connector.ServiceUrl,
            Conversation = new ConversationAccount { Id = "19:old@thread.tacv2", ConversationType = "channel", TenantId = Tenant },
        };
        _connector.FailNext(new FakeFailure(404, TeamsErrorCodes.ConversationNotFound, "Conversation not found."));

        var result = await Sender.SendAsync(
            new DeliveryRecipient(RecipientKinds.Channel, "19:old@thread.tacv2", Conversation: JsonSerializer.Serialize(channel, BotJson.Options)),
            Message("Alert"),
            SendPace.Paced,
            CancellationToken.None);

        Assert.Equal(new RecipientSendResult.Unreachable(UnreachableReasons.NoConversation), result);
    }

    [Fact]
    public async Task Without_reach_settings_the_Bot_Connector_of_a_stored_conversation_of_the_tenant_is_used()
    {
        var tenant = Guid.NewGuid().ToString();
        await using var services = BuildServices(new Dictionary<string, string?> { ["Delivery:Reach:ServiceUrl"] = null, ["Delivery:Reach:TenantId"] = tenant });
        var references = services.GetRequiredService<ConversationReferenceStore>();
        await references.RememberAsync(
            new Activity
            {
                Type = ActivityTypes.Message,
                ChannelId = BotChannels.Teams,
                ServiceUrl = _connector.ServiceUrl,
                From = new ChannelAccount { Id = "29:someone", AadObjectId = NewPerson() },
                Recipient = new ChannelAccount { Id = "28:" + AppId },
                Conversation = new ConversationAccount { Id = "a:elsewhere-" + tenant, ConversationType = "personal", TenantId = tenant },
            },
            CancellationToken.None);
        var person = NewPerson();

        var result = await services.GetRequiredService<IRecipientSender>().SendAsync(DeliveryRecipient.Person(person), Message("Hello"), SendPace.Paced, CancellationToken.None);

        Assert.IsType<RecipientSendResult.Sent>(result);
        var create = Assert.Single(_connector.CreatedConversations);
        Assert.Equal(tenant, create.TenantId);
    }

    private async Task<(string Person, string Conversation)> PersonWithChatAsync()
    {
        var person = NewPerson();
        var conversation = "a:chat-" + person;
        await References.RememberPersonalChatAsync(person, Chat(conversation), CancellationToken.None);
        return (person, conversation);
    }

    private ConversationReference Chat(string conversationId) => new()
    {
        ChannelId = BotChannels.Teams,
        ServiceUrl = _connector.ServiceUrl,
        Bot = new ChannelAccount { Id = "28:" + AppId },
        User = new ChannelAccount { Id = "29:1user" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = "personal", TenantId = Tenant },
    };

    private static string NewPerson() => Guid.NewGuid().ToString();

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private ServiceProvider BuildServices(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "not-used-on-loopback",
            ["ConnectorClient:RequestTimeout"] = "00:00:02",
            ["Delivery:Reach:ServiceUrl"] = _connector.ServiceUrl,
            ["Delivery:Reach:TenantId"] = Tenant,
            ["Delivery:Reach:TeamsAppId"] = TeamsAppId,
            ["Delivery:Reach:InstallWait"] = "00:00:00.010",
            ["Delivery:Reach:InstallRetries"] = "3",
        }).AddInMemoryCollection(overrides ?? new Dictionary<string, string?>()).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestHostEnvironment());
        services.AddSingleton<IBotAccessTokenProvider>(new FixedTokenProvider("bot-token"));
        services.AddSingleton(azurite.Storage);
        services.AddBotIdentity();
        services.AddSingleton(_ => new ConversationReferenceStore(azurite.Storage, NullLogger<ConversationReferenceStore>.Instance));
        services.AddSingleton(PeopleServiceCollectionExtensions.CreateGraphClient(new GraphPeopleOptions { BaseUrl = _graph.BaseUrl }, new GraphStubCredential("graph-token")));
        services.AddDeliverySending();
        return services.BuildServiceProvider();
    }
}
