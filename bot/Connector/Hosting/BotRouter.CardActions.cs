using System.Text.Json;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using Span = System.Diagnostics.Activity;

namespace LearningBot.Connector.Hosting;

/// <summary>Card actions: <c>Action.Execute</c> answered in the invoke response, <c>Action.Submit</c> answered by editing or resending the card.</summary>
public sealed partial class BotRouter
{
    /// <summary>
    /// Action.Execute: the answer travels back in the invoke response and replaces the card for the person who pressed.
    /// A <see cref="CardView.Shared"/> card also becomes the message's own card, for everyone (<see cref="EditMessageAsync"/>);
    /// a refresh (trigger <c>automatic</c>, see <see cref="CardRefresh"/>) is only ever answered, so an edit can never set
    /// off another refresh.
    /// </summary>
    private async Task<InvokeResponse> AnswerCardExecuteAsync(ITurnContext turn)
    {
        if (!TryReadExecuteAction(turn.Activity.Value, out var verb, out var data, out var isRefresh))
        {
            Choose(turn, BotRoute.InvalidCardAction);
            return new InvokeResponse(StatusCodes.Status400BadRequest,
                AdaptiveCardInvokeResponse.Error(StatusCodes.Status400BadRequest, "BadRequest",
                    "The card action is missing its value, its action or its verb."));
        }

        var action = new CardActionRequest(verb, data) { IsRefresh = isRefresh };
        var routed = FindCardAction(action.Verb);
        if (await RefusedAsync(turn, routed.Route) is { } refusal)
        {
            return new InvokeResponse(StatusCodes.Status200OK, AdaptiveCardInvokeResponse.Message(refusal));
        }

        return await RunInSpanAsync(turn, routed.Route, (Router: this, routed.Handler, action), static async (t, state) =>
        {
            var result = await state.Handler(t, state.action);
            switch (result)
            {
                case CardActionResult.ReplaceCard replace:
                    var card = CardFit.Choose(t, replace.Reply);
                    if (replace.View == CardView.Shared && !state.action.IsRefresh)
                    {
                        await state.Router.EditMessageAsync(t, replace.Shared);
                    }

                    return new InvokeResponse(StatusCodes.Status200OK, AdaptiveCardInvokeResponse.Card(card));
                case CardActionResult.ShowMessage message:
                    return new InvokeResponse(StatusCodes.Status200OK, AdaptiveCardInvokeResponse.Message(message.Text));
                default:
                    throw new InvalidOperationException($"Unknown card action result {result.GetType().Name}.");
            }
        });
    }

    /// <summary>
    /// Writes a shared answer into the message the button was on (the invoke's <c>replyToId</c>), so every device, every
    /// later view and everyone else in the conversation sees it: the card as <see cref="CardFit"/> sends it, shorter form
    /// included. It is done before the invoke is answered, as the Microsoft SDKs do, so the client's own render of the
    /// answer comes last and shows the same card; it may take <see cref="TurnLimits.CardEditTimeout"/> at most. An edit
    /// that fails (the message gone or too old, throttled, Teams down, out of time) is logged and the answer still goes:
    /// the person who pressed sees it either way.
    /// </summary>
    private async Task EditMessageAsync(ITurnContext turn, CardReply card)
    {
        if (turn.Activity.ReplyToId is not { Length: > 0 } messageId)
        {
            _logger.LogInformation("A shared card answer could not be written into its message: the invoke names no message (replyToId)");
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(turn.Aborted);
        limit.CancelAfter(TurnLimits.CardEditTimeout);
        try
        {
            await CardFit.SendAsync(turn, card, activity => turn.UpdateActivityAsync(messageId, activity, limit.Token));
            Span.Current?.AddEvent(new("card.edited"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !turn.Aborted.IsCancellationRequested)
        {
            // Whatever stopped the edit (a ConnectorException with Teams' status, no answer in time, a token that could not
            // be had), the answer in the invoke response still stands.
            Span.Current?.AddEvent(new("card.edit_failed"));
            _logger.LogWarning(exception, "Card message {MessageId} could not be edited for everyone ({Failure}); the person who pressed still sees the answer",
                messageId, exception is ConnectorException connector ? $"{(int?)connector.StatusCode} {connector.Code}" : exception.GetType().Name);
        }
    }

    /// <summary>Action.Submit (older clients): the answer replaces the card the button was on, when we know it.</summary>
    private async Task AnswerCardSubmitAsync(ITurnContext turn, string verb)
    {
        var action = new CardActionRequest(verb, turn.Activity.Value!.Value);
        var routed = FindCardAction(action.Verb);
        if (await RefusedAsync(turn, routed.Route) is { } refusal)
        {
            await turn.SendTextAsync(refusal);
            return;
        }

        await RunInSpanAsync(turn, routed.Route, (Router: this, routed.Handler, action), static async (t, state) =>
        {
            var result = await state.Handler(t, state.action);
            switch (result)
            {
                // An older client cannot show a card just to the person who pressed: the message is all there is, so it
                // shows what everyone should see (a personal view comes with the card's refresh where the client has one).
                case CardActionResult.ReplaceCard replace when t.Activity.ReplyToId is { Length: > 0 } cardId:
                    await state.Router.ReplaceOrResendAsync(t, cardId, replace.View == CardView.Shared ? replace.Shared : replace.Reply);
                    break;
                case CardActionResult.ReplaceCard replace:
                    await t.SendCardAsync(replace.View == CardView.Shared ? replace.Shared : replace.Reply);
                    break;
                case CardActionResult.ShowMessage message:
                    await t.SendTextAsync(message.Text);
                    break;
            }

            return true;
        });
    }

    /// <summary>The card the button was on may be gone (deleted, too old to edit): then the answer comes as a new message.</summary>
    private async Task ReplaceOrResendAsync(ITurnContext turn, string cardId, CardReply card)
    {
        try
        {
            await CardFit.SendAsync(turn, card, activity => turn.UpdateActivityAsync(cardId, activity));
        }
        catch (ConnectorException exception) when (exception.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadRequest)
        {
            _logger.LogInformation("Card {CardId} could not be replaced ({Status}); sending the answer as a new message", cardId, exception.StatusCode);
            await turn.SendCardAsync(card);
        }
    }

    /// <summary>
    /// The verb and data of an <c>adaptiveCard/action</c> invoke, and whether it is a refresh: <c>trigger</c>
    /// <c>automatic</c>. Any other trigger, or none, is a press (<c>manual</c>).
    /// </summary>
    private static bool TryReadExecuteAction(JsonElement? value, out string verb, out JsonElement data, out bool isRefresh)
    {
        verb = string.Empty;
        data = default;
        isRefresh = false;
        if (value is not { ValueKind: JsonValueKind.Object } invokeValue
            || !invokeValue.TryGetProperty("action", out var action)
            || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != ExecuteActionType)
        {
            return false;
        }

        isRefresh = invokeValue.TryGetProperty("trigger", out var trigger)
            && trigger.ValueKind == JsonValueKind.String
            && trigger.ValueEquals(CardRefresh.AutomaticTrigger);
        data = action.TryGetProperty("data", out var actionData) ? actionData : default;
        var found = action.TryGetProperty("verb", out var verbElement) && verbElement.ValueKind == JsonValueKind.String
            ? verbElement.GetString()
            : ReadSubmittedVerb(data);
        verb = found ?? string.Empty;
        return verb.Length > 0;
    }

    private static string? ReadSubmittedVerb(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Object } data
        && data.TryGetProperty("verb", out var verb)
        && verb.ValueKind == JsonValueKind.String
        && verb.GetString() is { Length: > 0 } text
            ? text
            : null;
}
