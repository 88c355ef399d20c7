using System.Text.Json;
using LearningBot.Cards;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Sends each turn to the one handler that owns it: activity type → invoke name → card verb → text command.
/// Returns the invoke response for invokes, null for everything else.
/// </summary>
public sealed class BotRouter
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
    private const string ExecuteActionType = "Action.Execute";

    private readonly BotRoutes _routes = new();
    private readonly ILogger<BotRouter> _logger;

    public BotRouter(IEnumerable<IBotFeature> features, ILogger<BotRouter> logger)
    {
        _logger = logger;
        foreach (var feature in features)
        {
            feature.MapRoutes(_routes);
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

        if (_routes.FindActivityHandler(activity.Type!) is { } handler)
        {
            await handler(turn);
        }

        return null;
    }

    private async Task RouteMessageAsync(ITurnContext turn)
    {
        if (ReadSubmittedVerb(turn.Activity.Value) is { } verb)
        {
            await AnswerCardSubmitAsync(turn, verb);
            return;
        }

        var handler = _routes.FindCommand(turn.Text) ?? _routes.UnrecognisedMessage;
        if (handler is not null)
        {
            await handler(turn);
        }
    }

    private async Task<InvokeResponse> RouteInvokeAsync(ITurnContext turn)
    {
        var name = turn.Activity.Name ?? string.Empty;
        if (name == AdaptiveCardActionInvoke)
        {
            return await AnswerCardExecuteAsync(turn);
        }

        if (_routes.FindInvokeHandler(name) is { } handler)
        {
            return await handler(turn);
        }

        _logger.LogInformation("No handler for invoke {InvokeName}", name);
        return new InvokeResponse(StatusCodes.Status501NotImplemented);
    }

    /// <summary>Action.Execute: the answer travels back in the invoke response and replaces the card.</summary>
    private async Task<InvokeResponse> AnswerCardExecuteAsync(ITurnContext turn)
    {
        if (!TryReadExecuteAction(turn.Activity.Value, out var verb, out var data))
        {
            return new InvokeResponse(StatusCodes.Status400BadRequest,
                AdaptiveCardInvokeResponse.Error(StatusCodes.Status400BadRequest, "BadRequest",
                    "The card action is missing its value, its action or its verb."));
        }

        var result = await RunCardActionAsync(turn, new CardActionRequest(verb, data));
        var body = result switch
        {
            CardActionResult.ReplaceCard replace => AdaptiveCardInvokeResponse.Card(replace.Card),
            CardActionResult.ShowMessage message => AdaptiveCardInvokeResponse.Message(message.Text),
            _ => throw new InvalidOperationException($"Unknown card action result {result.GetType().Name}."),
        };
        return new InvokeResponse(StatusCodes.Status200OK, body);
    }

    /// <summary>Action.Submit (older clients): the answer replaces the card the button was on, when we know it.</summary>
    private async Task AnswerCardSubmitAsync(ITurnContext turn, string verb)
    {
        var result = await RunCardActionAsync(turn, new CardActionRequest(verb, turn.Activity.Value!.Value));
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

    private Task<CardActionResult> RunCardActionAsync(ITurnContext turn, CardActionRequest action)
    {
        if (_routes.FindCardAction(action.Verb) is { } handler)
        {
            return handler(turn, action);
        }

        _logger.LogInformation("No handler for card verb {Verb}", action.Verb);
        return Task.FromResult(CardActionResult.Message(
            "Sorry, that button no longer does anything. Type **help** to see what I can do."));
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
