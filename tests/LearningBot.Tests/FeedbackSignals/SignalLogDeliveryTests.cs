using System.Diagnostics;
using Azure.Data.Tables;
using LearningBot.FeedbackSignals;
using LearningBot.Outbox;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.FeedbackSignals.SignalHarness;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// The Log press answers without waiting for the moderation card, which the outbox then posts once, however often the
/// press or its delivery is repeated. The turn would wait up to <c>Outbox:WaitInTurn</c> (5 s here) if it waited at all.
/// </summary>
public sealed class SignalLogDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private SignalHarness _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await SignalHarness.StartAsync(azurite, settings: new Dictionary<string, string?> { ["Outbox:WaitInTurn"] = "00:00:05" });
        await _hub.SetChannelAsync();
        _hub.Bot.Connector.Reset();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_liaison_is_thanked_at_once_while_the_channel_is_slow_and_the_card_follows()
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        _hub.Bot.Connector.StallNext(TimeSpan.FromSeconds(8));

        var timer = Stopwatch.StartNew();
        var thanks = await _hub.PressAsync(Liaison, form, SignalVerbs.Log, Answers());
        timer.Stop();

        Assert.Contains("Thank you", CardJson.Texts(thanks), StringComparison.Ordinal);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(4), $"The press took {timer.Elapsed}: it waited for the channel.");
        var id = FeedbackSignal.IdFor(Liaison.AadObjectId, FormToken(form));
        Assert.True(await Eventually.TrueAsync(async () => await _hub.ModerationCardAsync(id) is not null), "The moderation card was never posted.");
        Assert.Equal(1, _hub.ModerationPostsOf(id));
    }

    [Fact]
    public async Task Logging_puts_nothing_on_the_outbox_queue_while_this_instance_holds_the_card()
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var queue = await _hub.Bot.Services.GetRequiredService<QueueStorage>().Queue(QueueOutboxSignal.QueueName).GetAsync(CancellationToken.None);
        var before = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

        await _hub.PressAsync(Liaison, form, SignalVerbs.Log, Answers());

        var id = FeedbackSignal.IdFor(Liaison.AadObjectId, FormToken(form));
        Assert.True(await Eventually.TrueAsync(async () => await _hub.ModerationCardAsync(id) is not null), "The moderation card was never posted.");
        Assert.True((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount <= before, "The kick went on the queue.");
    }

    [Fact]
    public async Task A_press_that_Teams_delivers_twice_and_a_second_press_log_one_signal_with_one_card()
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var data = CardJson.ActionByVerb(form, SignalVerbs.Log)["data"]!.DeepClone().AsObject();
        foreach (var (name, value) in Answers())
        {
            data[name] = value?.DeepClone();
        }

        var press = TeamsActivities.ExecuteAction(_hub.Bot.Connector.ServiceUrl, SignalVerbs.Log, data).From(Liaison);
        var answers = await Task.WhenAll(
            Enumerable.Range(0, 2).Select(_ => _hub.Bot.PostActivityAsync(press.DeepClone().AsObject()))
                .Append(_hub.Bot.PostActivityAsync(TeamsActivities.ExecuteAction(_hub.Bot.Connector.ServiceUrl, SignalVerbs.Log, data.DeepClone().AsObject()).From(Liaison))));

        foreach (var answer in answers)
        {
            Assert.Contains("Thank you", CardJson.Texts(CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(answer))), StringComparison.Ordinal);
        }

        var id = FeedbackSignal.IdFor(Liaison.AadObjectId, FormToken(form));
        Assert.True(await Eventually.TrueAsync(async () => await _hub.ModerationCardAsync(id) is not null), "The moderation card was never posted.");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _hub.ModerationPostsOf(id));
        Assert.Single(await _hub.Signals.ListAsync(CancellationToken.None), signal => signal.Id == id);
        var rows = await (await SignalsTableAsync()).ListAsync<OutboxEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {FeedbackSignal.Partition} and Subject eq {id}"), cancellationToken: CancellationToken.None);
        await AssertRecordedTogetherAsync(await SignalsTableAsync(), id, Assert.Single(rows));
    }

    [Fact]
    public async Task A_card_another_pass_delivered_first_is_not_posted_again_from_the_commit()
    {
        var signal = NewSignal();
        var logged = await _hub.Signals.LogAsync(signal, [SignalModerationCard.Message(signal)], CancellationToken.None);
        var delivery = _hub.Bot.Services.GetRequiredService<OutboxDelivery>();

        // Another instance reads the partition and posts the card before this one acts on what it committed.
        await delivery.DeliverPartitionAsync(FeedbackSignalStore.TableName, FeedbackSignal.Partition, force: false, CancellationToken.None);
        var reports = await delivery.DeliverCommittedAsync(FeedbackSignalStore.TableName, logged.Committed, CancellationToken.None);

        Assert.True(logged.Stored);
        Assert.All(logged.Committed, (ITableEntity entity) => Assert.NotEqual(default, entity.ETag));
        Assert.All(reports, report => Assert.Equal(OutboxOutcome.Pending, report.Outcome));
        Assert.Equal(1, _hub.ModerationPostsOf(signal.Id));
        Assert.NotNull(await _hub.ModerationCardAsync(signal.Id));
    }

    [Fact]
    public async Task A_card_committed_claimed_for_its_kick_is_left_alone_by_other_passes_and_posted_once_by_the_kick()
    {
        var signal = NewSignal();
        var outbox = _hub.Bot.Services.GetRequiredService<OutboxDispatcher>();
        var logged = await _hub.Signals.LogAsync(signal, [SignalModerationCard.Message(signal)], CancellationToken.None, hold: outbox.HeldForKick);
        var row = Assert.Single(logged.Committed.OfType<OutboxEntity>());
        var delivery = _hub.Bot.Services.GetRequiredService<OutboxDelivery>();

        // Another instance reading the partition (from the queue's kick, or its scan) finds the row claimed.
        var elsewhere = await delivery.DeliverPartitionAsync(FeedbackSignalStore.TableName, FeedbackSignal.Partition, force: true, CancellationToken.None);
        Assert.Equal(OutboxOutcome.Pending, Assert.Single(elsewhere, report => report.RowKey == row.RowKey).Outcome);
        Assert.Equal(0, _hub.ModerationPostsOf(signal.Id));

        var reports = await delivery.DeliverCommittedAsync(FeedbackSignalStore.TableName, logged.Committed, CancellationToken.None);

        Assert.Equal(OutboxOutcome.Delivered, Assert.Single(reports).Outcome);
        Assert.Equal(1, _hub.ModerationPostsOf(signal.Id));
        Assert.NotNull(await _hub.ModerationCardAsync(signal.Id));
        await AssertRecordedTogetherAsync(await SignalsTableAsync(), signal.Id, row);
    }

    [Fact]
    public async Task A_card_whose_row_another_instance_took_is_neither_recorded_nor_settled_and_is_posted_once_when_retried()
    {
        var (signal, logged, row) = await LogHeldAsync();
        var table = await SignalsTableAsync();

        // The claim ran out before the card went, and another instance took the row (then stopped before posting it).
        await table.UpdateEntityAsync(
            row with { LeaseOwner = "elsewhere", LeaseUntil = _hub.Clock.GetUtcNow() + TimeSpan.FromMinutes(1), Attempts = 2 }, row.ETag, TableUpdateMode.Replace);
        var reports = await Delivery.DeliverCommittedAsync(FeedbackSignalStore.TableName, logged.Committed, CancellationToken.None);

        Assert.Equal(OutboxOutcome.Pending, Assert.Single(reports).Outcome);
        Assert.Null((await _hub.Signals.FindAsync(signal.Id, CancellationToken.None))!.ModerationCard);
        var untouched = await RowAsync(table, row);
        Assert.True(untouched.Pending);
        Assert.Equal("elsewhere", untouched.LeaseOwner);
        Assert.Equal(1, _hub.ModerationPostsOf(signal.Id));
        Assert.Equal(0, CardsShownOf(signal.Id));

        _hub.Clock.Advance(TimeSpan.FromMinutes(2));
        var retried = await Delivery.DeliverPartitionAsync(FeedbackSignalStore.TableName, FeedbackSignal.Partition, force: false, CancellationToken.None);

        Assert.Equal(OutboxOutcome.Delivered, Assert.Single(retried, report => report.RowKey == row.RowKey).Outcome);
        Assert.Equal(2, _hub.ModerationPostsOf(signal.Id));
        Assert.Equal(1, CardsShownOf(signal.Id));
        await AssertRecordedTogetherAsync(table, signal.Id, row);
    }

    [Fact]
    public async Task A_signal_decided_while_its_card_was_on_the_way_is_decided_again_and_recorded_with_its_row()
    {
        var (signal, logged, row) = await LogHeldAsync();

        // A decision written meanwhile: the ETag the commit gave the signal is stale.
        await _hub.Signals.ChangeAsync(signal.Id, current => new EntityDecision<FeedbackSignal>.Write(
            current.Decided(FeedbackSignal.Accepted, LearningBot.Privacy.ScrubbedText.Empty) with { DecidedBy = Moderator.AadObjectId }), null, CancellationToken.None);
        var reports = await Delivery.DeliverCommittedAsync(FeedbackSignalStore.TableName, logged.Committed, CancellationToken.None);

        Assert.Equal(OutboxOutcome.Delivered, Assert.Single(reports).Outcome);
        var stored = await AssertRecordedTogetherAsync(await SignalsTableAsync(), signal.Id, row);
        Assert.Equal(FeedbackSignal.Accepted, stored.Status);
        Assert.Equal(1, _hub.ModerationPostsOf(signal.Id));
        Assert.Contains(SignalCards.StatusText(stored), CardJson.Texts((await _hub.ModerationCardAsync(signal.Id))!), StringComparison.Ordinal);
    }

    private OutboxDelivery Delivery => _hub.Bot.Services.GetRequiredService<OutboxDelivery>();

    /// <summary>A new signal committed with its card's row held for this instance's kick, as a press commits it.</summary>
    private async Task<(FeedbackSignal Signal, SignalLogged Logged, OutboxEntity Row)> LogHeldAsync()
    {
        var signal = NewSignal();
        var outbox = _hub.Bot.Services.GetRequiredService<OutboxDispatcher>();
        var logged = await _hub.Signals.LogAsync(signal, [SignalModerationCard.Message(signal)], CancellationToken.None, hold: outbox.HeldForKick);
        return (signal, logged, Assert.Single(logged.Committed.OfType<OutboxEntity>()));
    }

    private async Task<TableClient> SignalsTableAsync() =>
        await _hub.Bot.Services.GetRequiredService<TableStorage>().Table(FeedbackSignalStore.TableName).GetAsync(CancellationToken.None);

    private static async Task<OutboxEntity> RowAsync(TableClient table, OutboxEntity row) =>
        (await table.GetEntityAsync<OutboxEntity>(row.PartitionKey, row.RowKey)).Value;

    /// <summary>Moderation cards of the signal the channel shows now (posts taken down left out).</summary>
    private int CardsShownOf(string signalId) =>
        _hub.Bot.Connector.Current(Channel).Count(s => s.ReplyToId is null && CardJson.Of(s.Activity).ToJsonString().Contains(signalId, StringComparison.Ordinal));

    /// <summary>The signal records where its card went, and its row is settled as delivered with that same message.</summary>
    private async Task<FeedbackSignal> AssertRecordedTogetherAsync(TableClient table, string signalId, OutboxEntity row)
    {
        var stored = await _hub.Signals.FindAsync(signalId, CancellationToken.None);
        var posted = LearningBot.Connector.Hosting.SentMessage.FromJson(stored!.ModerationCard);
        var settled = await RowAsync(table, row);
        Assert.NotNull(posted);
        Assert.False(settled.Pending);
        Assert.Equal(OutboxOutcome.Delivered, settled.Outcome);
        Assert.Equal(posted.ActivityId, settled.SentActivityId);
        return stored;
    }

    private static FeedbackSignal NewSignal() => FeedbackSignal.Log(
        FeedbackSignal.IdFor(Liaison.AadObjectId, Guid.NewGuid().ToString("N")), AnswersOf(Answers()), LearningBot.Privacy.ScrubbedText.Empty, "2026-12", Liaison.AadObjectId, loggedOnBehalf: false);

    private static SignalAnswers AnswersOf(System.Text.Json.Nodes.JsonObject answers) => new(
        answers[SignalInputs.Source]!.GetValue<string>(),
        answers[SignalInputs.OrganisationKind]!.GetValue<string>(),
        answers[SignalInputs.ServiceArea]!.GetValue<string>(),
        answers[SignalInputs.Theme]!.GetValue<string>(),
        answers[SignalInputs.Kind]!.GetValue<string>(),
        answers[SignalInputs.Frequency]!.GetValue<string>(),
        answers[SignalInputs.Cause]!.GetValue<string>());
}
