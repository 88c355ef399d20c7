using System.Text.Json;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using LearningBot.Telemetry;
using Span = System.Diagnostics.Activity;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Sends each turn to the one handler that owns it: activity type → invoke name → card verb → text command.
/// Returns the invoke response for invokes, null for everything else. A route that requires a role runs only for a caller
/// who holds it (<see cref="IRoleCheck"/>); anyone else gets the route's refusal. The chosen route is noted on the turn,
/// and the handler runs inside a <c>capability</c> span when telemetry listens.
/// </summary>
public sealed class BotRouter
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
    private const string ExecuteActionType = "Action.Execute";

    private static readonly Routed<CardActionHandler> UnknownVerb = new(
        (_, _) => Task.FromResult(CardActionResult.Message("Sorry, that button no longer does anything. Type **help** to see what I can do.")),
        BotRoute.UnknownCardAction);

    private readonly BotRoutes _routes = new();
    private readonly IRoleCheck _roles;
    private readonly ILogger<BotRouter> _logger;

    public BotRouter(IEnumerable<IBotFeature> features, IRoleCheck roles, ILogger<BotRouter> logger)
    {
        _roles = roles;
        _logger = logger;
        foreach (var feature in features)
        {
            _routes.Map(feature);
        }
    }

    public async Task<InvokeResponse?> RouteAsync(ITurnContext turn)
    {
        var activity = turn.Activity;
        if (activity.IsInvoke)
        {
            return await RouteInvokeAsync(turn);
        }

        if (activity.IsMessage)
        {
            await RouteMessageAsync(turn);
            return null;
        }

        if (!_routes.TryFindActivityHandler(activity.Type!, out var routed))
        {
            Choose(turn, BotRoute.UnknownActivity);
            return null;
        }

        if (await RefusedAsync(turn, routed.Route) is not null)
        {
            return null;
        }

        await RunInSpanAsync(turn, routed.Route, routed.Handler, static async (t, handler) =>
        {
            await handler(t);
            return true;
        });

        return null;
    }

    /// <summary>
    /// Notes the route on the turn (for the turn's telemetry) and, for a handled route, starts its capability span
    /// (null when nobody listens).
    /// </summary>
    private static Span? Choose(ITurnContext turn, BotRoute route)
    {
        if (turn is TurnContext context)
        {
            context.Route = route;
        }

        if (!route.IsHandled || BotTelemetry.Source.StartActivity(route.SpanName) is not { } span)
        {
            return null;
        }

        span.SetTag(TelemetryTags.Capability, route.Capability);
        span.SetTag(TelemetryTags.RouteKind, route.Kind);
        span.SetTag(TelemetryTags.Route, route.Name);
        return span;
    }

    private async Task RouteMessageAsync(ITurnContext turn)
    {
        if (ReadSubmittedVerb(turn.Activity.Value) is { } verb)
        {
            await AnswerCardSubmitAsync(turn, verb);
            return;
        }

        if (_routes.TryFindCommand(turn.Text, out var command, out var argument))
        {
            if (await RefusedAsync(turn, command.Route) is { } refusal)
            {
                await turn.SendTextAsync(refusal);
                return;
            }

            await RunInSpanAsync(turn, command.Route, (command.Handler, argument), static async (t, state) =>
            {
                await state.Handler(t, state.argument);
                return true;
            });
            return;
        }

        if (_routes.UnrecognisedMessage is not { } routed)
        {
            Choose(turn, BotRoute.UnknownCommand);
            return;
        }

        await RunInSpanAsync(turn, routed.Route, routed.Handler, static async (t, handler) =>
        {
            await handler(t);
            return true;
        });
    }

    private async Task<InvokeResponse> RouteInvokeAsync(ITurnContext turn)
    {
        var name = turn.Activity.Name ?? string.Empty;
        if (name == AdaptiveCardActionInvoke)
        {
            return await AnswerCardExecuteAsync(turn);
        }

        if (!_routes.TryFindInvokeHandler(name, out var routed))
        {
            Choose(turn, BotRoute.UnknownInvoke);
            _logger.LogInformation("No handler for invoke {InvokeName}", name);
            return new InvokeResponse(StatusCodes.Status501NotImplemented);
        }

        if (await RefusedAsync(turn, routed.Route) is not null)
        {
            return new InvokeResponse(StatusCodes.Status403Forbidden);
        }

        return await RunInSpanAsync(turn, routed.Route, routed.Handler, static (t, handler) => handler(t));
    }

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

    /// <summary>
    /// What to tell a caller who lacks the role the route requires (the turn is then noted as forbidden); null when the
    /// route is open to everyone or the caller holds its role.
    /// </summary>
    private async ValueTask<string?> RefusedAsync(ITurnContext turn, BotRoute route)
    {
        if (route.Guard is not { } guard || await _roles.HoldsAsync(turn.Caller, guard.Role, turn.Aborted))
        {
            return null;
        }

        using (var span = Choose(turn, route.Forbidden))
        {
            span?.SetTag(TelemetryTags.Outcome, TurnOutcomes.Forbidden);
        }

        _logger.LogInformation("Route {Route} refused: the caller does not hold role {Role}", route.Name, guard.Role.Name);
        return guard.Refusal;
    }

    /// <summary>
    /// Runs a routed handler inside its capability span: outcome ok when it returns, failed (with the exception's type)
    /// when it throws. The handler gets its state as an argument, so the turn path makes no closure.
    /// </summary>
    private static async Task<TResult> RunInSpanAsync<TState, TResult>(
        ITurnContext turn, BotRoute route, TState state, Func<ITurnContext, TState, Task<TResult>> handler)
    {
        using var span = Choose(turn, route);
        try
        {
            var result = await handler(turn, state);
            span?.SetTag(TelemetryTags.Outcome, TurnOutcomes.Ok);
            return result;
        }
        catch (Exception exception) when (BotTelemetry.RecordFailure(span, exception))
        {
            throw;
        }
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

    /// <summary>The verb's handler, or one that says the button no longer does anything.</summary>
    private Routed<CardActionHandler> FindCardAction(string verb)
    {
        if (_routes.TryFindCardAction(verb, out var routed))
        {
            return routed;
        }

        _logger.LogInformation("No handler for card verb {Verb}", verb);
        return UnknownVerb;
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
