using System.Text.Json.Nodes;
using Azure.Data.Tables;
using LearningBot.FiveMinuteReview;
using LearningBot.Outbox;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.FiveMinuteReview;

/// <summary>The person's copy of a saved review is owed by the save itself and delivered by the outbox until it arrives.</summary>
public sealed class ReviewCopyDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync()
    {
        _h = await ReviewHarness.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Outbox:ScanInterval"] = "00:00:00.2",
            ["Outbox:FirstRetryDelay"] = "00:00:30",
        });
        await _h.SayAsync(_h.Tom, "thanks");
        await _h.SayAsync(ReviewHarness.Manager, "thanks");
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_saved_review_reaches_the_person_once_teams_takes_it_even_when_it_failed_at_the_time()
    {
        var summary = await ReviewUpToTheSummaryAsync();
        _h.Bot.Connector.FailNext(new FakeFailure(503, "ServiceUnavailable"));

        var saved = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, summary, "Confirm and save", new JsonObject { ["nextReview"] = "2027-02-22" }));

        Assert.Contains("will be sent a copy in Teams", CardJson.Readable(saved), StringComparison.Ordinal);
        Assert.Empty(_h.CardsSentTo(_h.Tom));
        var review = await _h.LatestReviewAsync(_h.Tom.AadObjectId);
        Assert.Null(review!.SentToPersonAt);
        var owed = Assert.Single(await OutboxRowsAsync());
        Assert.True(owed.Pending);

        _h.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True(await Eventually.TrueAsync(() => _h.CardsSentTo(_h.Tom).Count > 0));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var copy = Assert.Single(_h.CardsSentTo(_h.Tom));
        Assert.Contains("Your Five Minute Review with Priya Shah", copy, StringComparison.Ordinal);
        Assert.NotNull((await _h.LatestReviewAsync(_h.Tom.AadObjectId))!.SentToPersonAt);
        Assert.Equal(OutboxOutcome.Delivered, Assert.Single(await OutboxRowsAsync()).Outcome);
    }

    private async Task<JsonObject> ReviewUpToTheSummaryAsync()
    {
        var team = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.start", []));
        var card = CardJson.FromInvoke(await _h.PressAsync(ReviewHarness.Manager, "review.open", ReviewHarness.FindOpenButton(team, _h.Tom.AadObjectId)));
        card = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue", new JsonObject { ["wentWell"] = "Clear, calm handovers.", ["evenBetter"] = "Finish care plans before the end of a shift." }));
        card = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue", new JsonObject { ["personView"] = "Weekend staffing is hard." }));
        card = CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Save and continue", new JsonObject { ["objective1What"] = "Finish the medicines e-learning", ["objective1When"] = "2026-12-31", ["objective1Measure"] = "Certificate on file" }));
        return CardJson.FromInvoke(await _h.PressOnCardAsync(ReviewHarness.Manager, card, "Check the summary", new JsonObject { ["learningTopics"] = "Dementia awareness", ["approaches"] = "e-learning", ["overall"] = "on-track", ["wellbeing"] = "okay" }));
    }

    private async Task<List<OutboxEntity>> OutboxRowsAsync()
    {
        var table = azurite.Table(ReviewStore.TableName);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ReviewStore.Partition(ReviewHarness.Manager.AadObjectId)} and RowKey ge {OutboxEntity.RowKeyPrefix} and RowKey lt {OutboxEntity.RowKeyEnd}");
        var rows = await table.QueryAsync<OutboxEntity>(filter).ToListAsync();
        return [.. rows.Where(row => row.Recipient == _h.Tom.AadObjectId)];
    }
}
