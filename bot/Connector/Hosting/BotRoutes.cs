using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>A capability plugs its handlers into the router here; one implementation per capability folder.</summary>
public interface IBotFeature
{
    void MapRoutes(BotRoutes routes);
}

public delegate Task TurnHandler(ITurnContext turn);

public delegate Task<InvokeResponse> InvokeHandler(ITurnContext turn);

public delegate Task<CardActionResult> CardActionHandler(ITurnContext turn, CardActionRequest action);

/// <summary>A card button press: its verb and its data merged with the card's input values.</summary>
public sealed record CardActionRequest(string Verb, JsonElement Data)
{
    public string? GetString(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>What a card button press produces: a card that replaces the pressed one, or a short message.</summary>
public abstract record CardActionResult
{
    public static CardActionResult Replace(JsonObject card) => new ReplaceCard(card);

    public static CardActionResult Message(string text) => new ShowMessage(text);

    public sealed record ReplaceCard(JsonObject Card) : CardActionResult;

    public sealed record ShowMessage(string Text) : CardActionResult;
}

/// <summary>
/// The routing table: activity type → invoke name → card verb → text command.
/// Built once at start-up from every <see cref="IBotFeature"/>.
/// </summary>
public sealed class BotRoutes
{
    private readonly Dictionary<string, TurnHandler> _activityHandlers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, InvokeHandler> _invokeHandlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CardActionHandler> _cardActions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TurnHandler> _commands = new(StringComparer.OrdinalIgnoreCase);

    internal TurnHandler? UnrecognisedMessage { get; private set; }

    public BotRoutes OnActivity(string activityType, TurnHandler handler) => Add(_activityHandlers, activityType, handler);

    public BotRoutes OnInvoke(string invokeName, InvokeHandler handler) => Add(_invokeHandlers, invokeName, handler);

    public BotRoutes OnCardAction(string verb, CardActionHandler handler) => Add(_cardActions, verb, handler);

    /// <summary>A text command matched against the whole message (case-insensitive, trailing punctuation ignored).</summary>
    public BotRoutes OnCommand(TurnHandler handler, params string[] commands)
    {
        foreach (var command in commands)
        {
            Add(_commands, command, handler);
        }

        return this;
    }

    public BotRoutes OnUnrecognisedMessage(TurnHandler handler)
    {
        if (UnrecognisedMessage is not null)
        {
            throw new InvalidOperationException("Only one feature may answer unrecognised messages.");
        }

        UnrecognisedMessage = handler;
        return this;
    }

    internal TurnHandler? FindActivityHandler(string type) => _activityHandlers.GetValueOrDefault(type);

    internal InvokeHandler? FindInvokeHandler(string name) => _invokeHandlers.GetValueOrDefault(name);

    internal CardActionHandler? FindCardAction(string verb) => _cardActions.GetValueOrDefault(verb);

    internal TurnHandler? FindCommand(string text) => _commands.GetValueOrDefault(NormaliseCommand(text));

    internal static string NormaliseCommand(string text) => text.Trim().TrimEnd('.', '!', '?', ' ').Trim();

    private BotRoutes Add<THandler>(Dictionary<string, THandler> table, string key, THandler handler)
    {
        if (!table.TryAdd(key, handler))
        {
            throw new InvalidOperationException($"Two features both claim '{key}'.");
        }

        return this;
    }
}
