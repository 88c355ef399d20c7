using System.Globalization;
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

/// <summary>
/// A card button press: its verb and its data merged with the card's input values. The getters read what Teams sends
/// whichever way the value travels (Input.Number and Input.Toggle values arrive as strings), and answer null when the
/// value is missing or of another kind, never throwing on what a client sent.
/// </summary>
public sealed record CardActionRequest(string Verb, JsonElement Data)
{
    public string? GetString(string name) =>
        TryGet(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public int? GetInt(string name) =>
        TryGet(name, out var value) && (value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt32(out var number)
            : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
            ? number
            : null;

    public bool? GetBool(string name) =>
        !TryGet(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var flag) => flag,
            _ => null,
        };

    /// <summary>The submitted values as a copy the capability may change (empty when the press carried none).</summary>
    public JsonObject Submitted() =>
        Data.ValueKind == JsonValueKind.Object ? JsonObject.Create(Data)!.DeepClone().AsObject() : [];

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out value);
    }
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
/// What the router chose for a turn, named in telemetry's fixed vocabulary: the kind of route, the name a capability
/// registered it under (a command's first spelling, a card verb, an invoke name, an activity type) and the capability.
/// Made once when routes are registered, so choosing a route costs nothing.
/// </summary>
public sealed class BotRoute
{
    public const string NoCapability = "none";

    internal static readonly BotRoute UnknownCommand = new(RouteKinds.Message, "unknown", NoCapability, handled: false);
    internal static readonly BotRoute UnknownCardAction = new(RouteKinds.CardAction, "unknown", NoCapability, handled: false);
    internal static readonly BotRoute InvalidCardAction = new(RouteKinds.CardAction, "invalid", NoCapability, handled: false, rejected: true);
    internal static readonly BotRoute UnknownInvoke = new(RouteKinds.Invoke, "unknown", NoCapability, handled: false);
    internal static readonly BotRoute UnknownActivity = new(RouteKinds.Activity, "unknown", NoCapability, handled: false);

    internal BotRoute(string kind, string name, string capability, bool handled = true, bool rejected = false)
    {
        Kind = kind;
        Name = name;
        Capability = capability;
        IsHandled = handled;
        IsRejected = rejected;
        SpanName = "capability " + capability;
    }

    /// <summary>One of <see cref="RouteKinds"/>.</summary>
    public string Kind { get; }

    public string Name { get; }

    public string Capability { get; }

    /// <summary>False when no capability handles the turn.</summary>
    public bool IsHandled { get; }

    /// <summary>True when the turn was refused as invalid (e.g. a card action without a verb).</summary>
    public bool IsRejected { get; }

    internal string SpanName { get; }

    /// <summary>The capability's name for a feature: its type name without a <c>Feature</c> suffix.</summary>
    public static string CapabilityOf(IBotFeature feature)
    {
        var name = feature.GetType().Name;
        return name.EndsWith("Feature", StringComparison.Ordinal) && name.Length > "Feature".Length ? name[..^"Feature".Length] : name;
    }
}

/// <summary>Values of <see cref="BotRoute.Kind"/>.</summary>
public static class RouteKinds
{
    public const string Command = "command";
    public const string Message = "message";
    public const string CardAction = "card_action";
    public const string Invoke = "invoke";
    public const string Activity = "activity";
}

/// <summary>A handler and the route it was registered as.</summary>
internal readonly record struct Routed<THandler>(THandler Handler, BotRoute Route);

/// <summary>
/// The routing table: activity type → invoke name → card verb → text command.
/// Built once at start-up from every <see cref="IBotFeature"/>.
/// </summary>
public sealed class BotRoutes
{
    private readonly Dictionary<string, Routed<TurnHandler>> _activityHandlers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Routed<InvokeHandler>> _invokeHandlers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Routed<CardActionHandler>> _cardActions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Routed<TurnHandler>> _commands = new(StringComparer.OrdinalIgnoreCase);
    private string _capability = BotRoute.NoCapability;

    internal Routed<TurnHandler>? UnrecognisedMessage { get; private set; }

    public BotRoutes OnActivity(string activityType, TurnHandler handler) =>
        Add(_activityHandlers, activityType, handler, new BotRoute(RouteKinds.Activity, activityType, _capability));

    public BotRoutes OnInvoke(string invokeName, InvokeHandler handler) =>
        Add(_invokeHandlers, invokeName, handler, new BotRoute(RouteKinds.Invoke, invokeName, _capability));

    public BotRoutes OnCardAction(string verb, CardActionHandler handler) =>
        Add(_cardActions, verb, handler, new BotRoute(RouteKinds.CardAction, verb, _capability));

    /// <summary>
    /// A text command matched against the whole message (case-insensitive, trailing punctuation ignored).
    /// In telemetry every spelling counts as the first one.
    /// </summary>
    public BotRoutes OnCommand(TurnHandler handler, params string[] commands)
    {
        if (commands.Length == 0)
        {
            return this;
        }

        var route = new BotRoute(RouteKinds.Command, commands[0], _capability);
        foreach (var command in commands)
        {
            Add(_commands, command, handler, route);
        }

        return this;
    }

    public BotRoutes OnUnrecognisedMessage(TurnHandler handler)
    {
        if (UnrecognisedMessage is not null)
        {
            throw new InvalidOperationException("Only one feature may answer unrecognised messages.");
        }

        UnrecognisedMessage = new Routed<TurnHandler>(handler, new BotRoute(RouteKinds.Message, "message", _capability));
        return this;
    }

    /// <summary>Maps one feature's routes, naming them after its capability.</summary>
    internal void Map(IBotFeature feature)
    {
        _capability = BotRoute.CapabilityOf(feature);
        try
        {
            feature.MapRoutes(this);
        }
        finally
        {
            _capability = BotRoute.NoCapability;
        }
    }

    internal bool TryFindActivityHandler(string type, out Routed<TurnHandler> found) => _activityHandlers.TryGetValue(type, out found);

    internal bool TryFindInvokeHandler(string name, out Routed<InvokeHandler> found) => _invokeHandlers.TryGetValue(name, out found);

    internal bool TryFindCardAction(string verb, out Routed<CardActionHandler> found) => _cardActions.TryGetValue(verb, out found);

    internal bool TryFindCommand(string text, out Routed<TurnHandler> found) => _commands.TryGetValue(NormaliseCommand(text), out found);

    internal static string NormaliseCommand(string text) => text.Trim().TrimEnd('.', '!', '?', ' ').Trim();

    private BotRoutes Add<THandler>(Dictionary<string, Routed<THandler>> table, string key, THandler handler, BotRoute route)
    {
        if (!table.TryAdd(key, new Routed<THandler>(handler, route)))
        {
            throw new InvalidOperationException($"Two features both claim '{key}'.");
        }

        return this;
    }
}
