using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Delivery;

/// <summary>
/// The progress card's Cancel button (<c>delivery.cancel</c> {deliveryId}) through the bot host: who may cancel comes
/// from the delivery (its requester) and the roles (the L&amp;D Support Team), never from what the card carries.
/// </summary>
public sealed class DeliveryCancelTests(DeliveryUiHostFixture fixture) : IClassFixture<DeliveryUiHostFixture>
{
    [Fact]
    public async Task The_person_who_started_it_can_cancel_it()
    {
        var progress = Running(requestedBy: TestPerson.Alex.AadObjectId);

        var card = CardJson.FromInvoke(await CancelAsync(progress.DeliveryId, TestPerson.Alex));

        Assert.Contains((progress.DeliveryId, TestPerson.Alex.AadObjectId), fixture.Deliveries.Cancels);
        Assert.Equal(DeliveryCancelFeature.Cancelled, CardJson.ById(card, "notice")["text"]!.GetValue<string>());
        Assert.Contains("Cancelled", CardJson.ById(card, "headline")["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(CardJson.Verbs(card));
    }

    [Fact]
    public async Task The_support_team_can_cancel_anyones()
    {
        var progress = Running(requestedBy: TestPerson.Alex.AadObjectId);

        var card = CardJson.FromInvoke(await CancelAsync(progress.DeliveryId, DeliveryUiHostFixture.Support));

        Assert.Contains((progress.DeliveryId, DeliveryUiHostFixture.Support.AadObjectId), fixture.Deliveries.Cancels);
        Assert.Equal(DeliveryCancelFeature.Cancelled, CardJson.ById(card, "notice")["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Anyone_else_is_refused_and_sees_none_of_the_figures_even_with_the_right_delivery_id()
    {
        var progress = Running(requestedBy: DeliveryUiHostFixture.Support.AadObjectId);

        var answer = await CancelAsync(progress.DeliveryId, TestPerson.Alex);

        Assert.Equal(DeliveryCancelFeature.Refused, CardJson.MessageFromInvoke(answer));
        Assert.DoesNotContain(fixture.Deliveries.Cancels, c => c.DeliveryId == progress.DeliveryId);
        Assert.Equal(DeliveryStatuses.Sending, (await fixture.Deliveries.GetProgressAsync(progress.DeliveryId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_finished_delivery_says_it_had_already_finished()
    {
        var progress = fixture.Deliveries.Set(Running(TestPerson.Alex.AadObjectId) with { Status = DeliveryStatuses.Completed, Sent = 100, FinishedAt = DateTimeOffset.UtcNow });

        var card = CardJson.FromInvoke(await CancelAsync(progress.DeliveryId, TestPerson.Alex));

        Assert.Equal(DeliveryCancelFeature.AlreadyFinished, CardJson.ById(card, "notice")["text"]!.GetValue<string>());
        Assert.DoesNotContain(fixture.Deliveries.Cancels, c => c.DeliveryId == progress.DeliveryId);
    }

    [Fact]
    public async Task An_unknown_delivery_is_not_found() =>
        Assert.Equal(DeliveryCancelFeature.Unknown, CardJson.MessageFromInvoke(await CancelAsync("no-such-delivery", TestPerson.Alex)));

    private DeliveryProgress Running(string requestedBy) =>
        fixture.Deliveries.Set(new DeliveryProgress(Guid.NewGuid().ToString("N"), "announcement", requestedBy,
            DeliveryStatuses.Sending, 100, 10, 0, 0, 0, DateTimeOffset.UtcNow, null, TimeSpan.FromMinutes(1)));

    private async Task<JsonObject> CancelAsync(string deliveryId, TestPerson caller)
    {
        var bot = fixture.ForTest();
        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, DeliveryProgressVerbs.Cancel,
            new JsonObject { ["deliveryId"] = deliveryId }).From(caller));
        return await BotTestHost.ReadJsonAsync(response);
    }
}
