using LearningBot.Access;
using LearningBot.Connector.Hosting;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// The progress card's Cancel button (<c>delivery.cancel</c>, data <c>{deliveryId}</c>). Who may cancel is read from
/// the delivery itself, never from the card: the person who started it, or a member of the L&amp;D Support Team.
/// Anyone else is told so and sees none of the delivery's figures.
/// </summary>
public sealed class DeliveryCancelFeature(IDeliveries deliveries, DeliveryProgressCards cards, IRoleCheck roles) : IBotFeature
{
    public const string Refused = "You can't cancel this one: only the person who started it, or the L&D Support Team, can.";
    public const string Unknown = "I can't find that delivery any more.";
    public const string Cancelled = "Cancelled. Nothing more will be sent; the messages already sent stay sent.";
    public const string AlreadyFinished = "It had already finished, so there was nothing to cancel.";

    /// <summary>Longer than any id the engine makes; anything longer is not looked up at all.</summary>
    private const int MaxDeliveryIdLength = 128;

    public void MapRoutes(BotRoutes routes) => routes.OnCardAction(DeliveryProgressVerbs.Cancel, CancelAsync);

    private async Task<CardActionResult> CancelAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("deliveryId") is not { Length: > 0 and <= MaxDeliveryIdLength } deliveryId
            || await deliveries.GetProgressAsync(deliveryId, turn.Aborted) is not { } progress)
        {
            return CardActionResult.Message(Unknown);
        }

        if (!await MayCancelAsync(turn, progress))
        {
            return CardActionResult.Message(Refused);
        }

        if (DeliveryProgressCards.IsFinished(progress))
        {
            return CardActionResult.Replace(cards.Render(progress, notice: AlreadyFinished));
        }

        var stopped = await deliveries.CancelAsync(deliveryId, turn.Caller.PersonKey!, turn.Aborted);
        var now = await deliveries.GetProgressAsync(deliveryId, turn.Aborted) ?? progress;
        if (!stopped)
        {
            return CardActionResult.Replace(cards.Render(now, notice: AlreadyFinished));
        }

        // The workers may not have marked every item yet; the card says what the requester asked for, and the updater
        // brings the final figures.
        var shown = DeliveryProgressCards.IsFinished(now) ? now : now with { Status = DeliveryStatuses.Cancelled };
        return CardActionResult.Update(cards.Render(shown, notice: Cancelled));
    }

    private async Task<bool> MayCancelAsync(ITurnContext turn, DeliveryProgress progress) =>
        turn.Caller.PersonKey is { } caller
        && (string.Equals(progress.RequestedBy, caller, StringComparison.Ordinal)
            || await roles.HoldsAsync(turn.Caller, Roles.SupportTeam, turn.Aborted));
}
