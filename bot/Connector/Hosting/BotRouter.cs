using System.Text.Json;
using LearningBot.Cards;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using LearningBot.Telemetry;
using Span = System.Diagnostics.Activity;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Sends each turn to the one handler that owns it: activity type → invoke name → card verb → text command.
/// Returns the invoke response for invokes, null for everything else. The chosen route is noted on the turn, and the
/// handler runs inside a <c>capability</c> span when telemetry listens.
/// </summary>
public sealed class BotRouter
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
    private const string ExecuteActionType = "Action.Execute";

    private static readonly Routed<CardActionHandler> UnknownVerb = new(
        (_, _) => Task.FromResult(CardActionResult.Message("Sorry, that button no longer does anything. Type **help** to see what I can do.")),
        BotRoute.UnknownCardAction);

    private readonly BotRoutes _routes = new();
    private readonly ILogger<BotRouter> _logger;

    public BotRouter(IEnumerable<IBotFeature> features, ILogger<BotRouter> logger)
    {
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

        using var span = Choose(turn, routed.Route);
        try
        {
            await routed.Handler(turn);
            span?.SetTag(TelemetryTags.Outcome, TurnOutcomes.Ok);
        }
        catch (Exception exception) when (BotTelemetry.RecordFailure(span, exception))
        {
            throw;
        }

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

        Routed<TurnHandler>? found = _routes.TryFindCommand(turn.Text, out var command) ? command : _routes.UnrecognisedMessage;
        if (found is not { } routed)
        {
            Choose(turn, BotRoute.UnknownCommand);
            return;
        }

        using var span = Choose(turn, routed.Route);
        try
        {
            await routed.Handler(turn);
            span?.SetTag(TelemetryTags.Outcome, TurnOutcomes.Ok);
        }
        catch (Exception exception) when (BotTelemetry.RecordFailure(span, exception))
        {
            throw;
        }
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

        using var span = Choose(turn, routed.Route);
        try
        {
            var response = await routed.Handler(turn);
            span?.SetTag(TelemetryTags.Outcome, TurnOutcomes.Ok);
            return response;
        }
        catch (Exception exception) when (BotTelemetry.RecordFailure(span, exception))
        {
            throw;
        }
    }

    /// <summary>Action.Execute: the answer travels back in the invoke response and replaces the card.</summary>
    private async Task<InvokeResponse> AnswerCardExecuteAsync(ITurnContext turn)
    {
        if (!TryReadExecuteAction(turn.Activity.Value, out var verb, out var data))
        {
            Choose(turn, BotRoute.InvalidCardAction);
            return new InvokeResponse(StatusCodes.Status400BadRequest,
                AdaptiveCardInvokeResponse.Error(StatusCodes.Status400BadRequest, "BadRequest",
                    "The card action is missing its value, its action or its verb."));
        }

        var action = new CardActionRequest(verb, data);
        var routed = FindCardAction(action.Verb);
        using var span = Choose(turn, routed.Route);
        try
        {
            var result = await routed.Handler(turn, action);
            var body = result switch
            {
                CardActionResult.ReplaceCard replace => AdaptiveCardInvokeResponse.Card(replace.Card),
                CardActionResult.ShowMessage message => AdaptiveCardInvokeResponse.Message(message.Text),
                _ => throw new InvalidOperationException($"Unknown card action result {result.GetType().Name}."),
            };
            span?.SetTag(TelemetryTags.Outcome, TurnOutcomes.Ok);
            return new InvokeResponse(StatusCodes.Status200OK, body);
        }
        catch (Exception exception) when (BotTelemetry.RecordFailure(span, exception))
        {
            throw;
        }
    }

    /// <summary>Action.Submit (older clients): the answer replaces the card the button was on, when we know it.</summary>
    private async Task AnswerCardSubmitAsync(ITurnContext turn, string verb)
    {
        var action = new CardActionRequest(verb, turn.Activity.Value!.Value);
        var routed = FindCardAction(action.Verb);
        using var span = Choose(turn, routed.Route);
        try
        {
            var result = await routed.Handler(turn, action);
            switch (result)
            {
                case CardActionResult.ReplaceCard replace when turn.Activity.ReplyToId is { Length: > 0 } cardId:
                    await ReplaceOrResendAsync(turn, cardId, replace.Card);
                    break;
                case CardActionResult.ReplaceCard replace:
                    await turn.SendCardAsync(replace.Card);
                    break;
                case CardActionResult.ShowMessage message:
                    await turn.SendTextAsync(message.Text);
                    break;
            }

            span?.SetTag(TelemetryTags.Outcome, TurnOutcomes.Ok);
        }
        catch (Exception exception) when (BotTelemetry.RecordFailure(span, exception))
        {
            throw;
        }
    }

    /// <summary>The card the button was on may be gone (deleted, too old to edit): then the answer comes as a new message.</summary>
    private async Task ReplaceOrResendAsync(ITurnContext turn, string cardId, System.Text.Json.Nodes.JsonObject card)
    {
        try
        {
            await turn.UpdateActivityAsync(cardId, turn.Activity.CreateReply() with { Attachments = [CardCatalog.ToAttachment(card)] });
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


    private static bool TryReadExecuteAction(JsonElement? value, out string verb, out JsonElement data)
    {
        verb = string.Empty;
        data = default;
        if (value is not { ValueKind: JsonValueKind.Object } invokeValue
            || !invokeValue.TryGetProperty("action", out var action)
            || action.ValueKind != JsonValueKind.Object
            || !action.TryGetProperty("type", out var type)
            || type.ValueKind != JsonValueKind.String
            || type.GetString() != ExecuteActionType)
        {
            return false;
        }

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
