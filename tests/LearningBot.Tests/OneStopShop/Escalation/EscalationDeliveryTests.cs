using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LearningBot.Connector.Client;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Outbox;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.OneStopShop.Escalation.EscalationScenario;

namespace LearningBot.Tests.OneStopShop.Escalation;

/// <summary>
/// What a ticket change owes people is written with the change, in the same transaction, and delivered by the outbox
/// until it arrives: an answer saved while Teams was failing still reaches the asker, exactly once, and a redelivered
/// answer sends nothing twice.
/// </summary>
public sealed class EscalationDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Question = "Is there funding for a Level 3 diploma in adult care for our bank staff?";
    private const string Answer = "Yes: the support scheme funds it for staff on 16 hours a week or more.";

    private EscalationScenario _hub = null!;

    public async Task InitializeAsync() => _hub = await EscalationScenario.StartAsync(azurite, new RecordingKnowledgeWriter(), new Dictionary<string, string?>
    {
        ["Outbox:ScanInterval"] = "00:00:00.2",
        ["Outbox:FirstRetryDelay"] = "00:00:30",
    });

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_change_and_what_it_owes_people_are_written_together()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);

        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Assign, new JsonObject { ["ticketId"] = ticketId }));

        var ticket = await _hub.Tickets.FindAsync(ticketId, CancellationToken.None);
        var rows = await OutboxRowsAsync(ticketId);
        Assert.Contains(rows, row => row.RowKey == TicketStore.NotificationRowKey(1, "channel-card") && row.Outcome == OutboxOutcome.Delivered);
        Assert.Contains(rows, row => row.RowKey == TicketStore.NotificationRowKey(ticket!.Version, "channel-card") && row.Outcome == OutboxOutcome.Delivered);
        Assert.Contains(rows, row => row.RowKey == TicketStore.NotificationRowKey(ticket!.Version, "asker") && row.Outcome == OutboxOutcome.Delivered);
        Assert.All(rows, row => Assert.False(row.Pending));
        Assert.All(rows.Where(row => row.Outcome == OutboxOutcome.Delivered), row => Assert.Null(row.Activity));
    }

    [Fact]
    public async Task An_answer_saved_while_teams_fails_reaches_the_asker_once_teams_recovers()
    {
        var (ticketId, before) = await AskAndSetChannelAsync();
        _hub.Connector.FailNext(new FakeFailure(503, "ServiceUnavailable"));

        var card = await _hub.InvokeCardAsync(AnswerAction(ticketId));

        Assert.Contains("Answered by Sam Patel", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Empty(AnswersToAsker(before));
        var pending = Assert.Single(await OutboxRowsAsync(ticketId), row => row.Pending);
        Assert.Equal(OutboxKinds.Person, pending.Kind);
        Assert.Equal("http-503:ServiceUnavailable", pending.LastError);

        _hub.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await Eventually.TrueAsync(() => AnswersToAsker(before).Count > 0));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(AnswersToAsker(before));
        Assert.DoesNotContain(await OutboxRowsAsync(ticketId), row => row.Pending);
    }

    [Fact]
    public async Task A_redelivered_answer_sends_nothing_twice_and_loses_nothing()
    {
        var (ticketId, before) = await AskAndSetChannelAsync();
        _hub.Connector.FailNext(new FakeFailure(503, "ServiceUnavailable"));
        await _hub.InvokeCardAsync(AnswerAction(ticketId));

        // Teams delivers the press again (another instance, or after a restart: the in-memory dedupe has not seen it).
        var again = await _hub.InvokeCardAsync(AnswerAction(ticketId));
        _hub.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Contains("Sam Patel has already answered this question.", CardJson.Texts(again), StringComparison.Ordinal);
        Assert.True(await Eventually.TrueAsync(() => AnswersToAsker(before).Count > 0));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var delivered = Assert.Single(AnswersToAsker(before));
        Assert.Contains(Answer, delivered, StringComparison.Ordinal);
        var history = await _hub.Tickets.HistoryAsync(ticketId, CancellationToken.None);
        Assert.Single(history, line => line.Action == "answered");
    }

    [Fact]
    public async Task Two_instances_delivering_the_same_partition_send_each_message_once()
    {
        var (ticketId, before) = await AskAndSetChannelAsync();
        _hub.Connector.FailNext(new FakeFailure(503, "ServiceUnavailable"));
        await _hub.InvokeCardAsync(AnswerAction(ticketId));
        _hub.Clock.Advance(TimeSpan.FromMinutes(1));
        var other = ActivatorUtilities.CreateInstance<OutboxDelivery>(_hub.Bot.Services);
        var mine = _hub.Bot.Services.GetRequiredService<OutboxDelivery>();
        _hub.Connector.StallNext(TimeSpan.FromMilliseconds(300), times: 2);

        await Task.WhenAll(
            mine.DeliverPartitionAsync(TicketStore.TableName, ticketId, force: true, CancellationToken.None),
            other.DeliverPartitionAsync(TicketStore.TableName, ticketId, force: true, CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Single(AnswersToAsker(before));
        var row = Assert.Single(await OutboxRowsAsync(ticketId), row => row.Kind == OutboxKinds.Person && row.RowKey.EndsWith("-asker", StringComparison.Ordinal) && row.SentActivityId is not null);
        Assert.Equal(OutboxOutcome.Delivered, row.Outcome);
    }

    [Fact]
    public async Task An_asker_who_cannot_be_reached_is_recorded_once_and_not_tried_again()
    {
        await _hub.SetExpertChannelAsync();
        _hub.Connector.RefuseConversation = _ => BotNotInstalled;
        var sent = await _hub.InvokeCardAsync(_hub.ChannelAction(Outsider, EscalationVerbs.Submit, Submit("from-the-channel", Question)));
        var ticketId = await _hub.TicketIdAsync(Reference(sent));

        var card = await _hub.InvokeCardAsync(AnswerAction(ticketId));
        _hub.Clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Contains("I couldn't reach Olly Reed in Teams", CardJson.Texts(card), StringComparison.Ordinal);
        var asker = Assert.Single(await OutboxRowsAsync(ticketId), row => row.Kind == OutboxKinds.Person);
        Assert.Equal(OutboxOutcome.Unreachable, asker.Outcome);
        Assert.Equal(1, asker.Attempts);
    }

    [Fact]
    public async Task An_asker_who_never_chatted_with_the_bot_gets_the_answer_in_a_chat_the_bot_opens()
    {
        await _hub.SetExpertChannelAsync();
        var newcomer = TestPerson.Unique("newcomer", "Nia Owusu");
        var sent = await _hub.InvokeCardAsync(_hub.ChannelAction(newcomer, EscalationVerbs.Submit, Submit("from-the-channel", Question)));
        var ticketId = await _hub.TicketIdAsync(Reference(sent));
        var before = _hub.Connector.Sent.Count;

        await _hub.InvokeCardAsync(AnswerAction(ticketId));

        var opened = Assert.Single(_hub.Connector.CreatedConversations);
        Assert.Equal(newcomer.AadObjectId, Assert.Single(opened.Members!).Id);
        var answer = Assert.Single(_hub.Connector.Sent.Skip(before), s => s.Activity.Attachments is { Count: > 0 } && CardJson.Texts(s.Activity).Contains(Answer, StringComparison.Ordinal) && !s.ConversationId.StartsWith("19:", StringComparison.Ordinal));
        Assert.NotEqual(_hub.AskerChat, answer.ConversationId);
        var asker = Assert.Single(await OutboxRowsAsync(ticketId), row => row.Kind == OutboxKinds.Person);
        Assert.Equal(OutboxOutcome.Delivered, asker.Outcome);
    }

    private static readonly FakeFailure BotNotInstalled = new(403, TeamsErrorCodes.BotNotInConversationRoster, "The bot is not part of the conversation roster.");

    private async Task<(string TicketId, int SentBefore)> AskAndSetChannelAsync()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        return (ticketId, _hub.Connector.Sent.Count);
    }

    private JsonObject AnswerAction(string ticketId) =>
        _hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = Answer, ["addToKnowledgeBase"] = "false" });

    private List<string> AnswersToAsker(int before) => [.. _hub.AskerCards(before).Where(card => card.Contains(Answer, StringComparison.Ordinal))];

    private async Task<List<OutboxEntity>> OutboxRowsAsync(string ticketId)
    {
        var table = azurite.Table(TicketStore.TableName);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ticketId} and RowKey ge {OutboxEntity.RowKeyPrefix} and RowKey lt {OutboxEntity.RowKeyEnd}");
        return await table.QueryAsync<OutboxEntity>(filter).ToListAsync();
    }
}
