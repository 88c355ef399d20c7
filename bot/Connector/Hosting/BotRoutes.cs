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

/// <summary>A text command's handler; <paramref name="argument"/> is what followed the command (empty when nothing did).</summary>
public delegate Task CommandHandler(ITurnContext turn, string argument);

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
/// registered it under (a command's first spelling, a card verb, an invoke name, an activity type), the capability, and
/// the role the route requires (if any). Made once when routes are registered, so choosing a route costs nothing.
/// </summary>
public sealed class BotRoute
{
    public const string NoCapability = "none";

    internal static readonly BotRoute UnknownCommand = new(RouteKinds.Message, "unknown", NoCapability, handled: false);
    internal static readonly BotRoute UnknownCardAction = new(RouteKinds.CardAction, "unknown", NoCapability, handled: false);
    internal static readonly BotRoute InvalidCardAction = new(RouteKinds.CardAction, "invalid", NoCapability, handled: false, rejected: true);
    internal static readonly BotRoute UnknownInvoke = new(RouteKinds.Invoke, "unknown", NoCapability, handled: false);
    internal static readonly BotRoute UnknownActivity = new(RouteKinds.Activity, "unknown", NoCapability, handled: false);

    private BotRoute? _forbidden;

    internal BotRoute(string kind, string name, string capability, bool handled = true, bool rejected = false, RouteGuard? guard = null, bool forbidden = false)
    {
        Kind = kind;
        Name = name;
        Capability = capability;
        IsHandled = handled;
        IsRejected = rejected;
        Guard = guard;
        IsForbidden = forbidden;
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

    /// <summary>The role the route requires and what a person without it is told; null when anyone may use it.</summary>
    public RouteGuard? Guard { get; }

    /// <summary>True when the caller lacked the role the route requires, so its handler did not run.</summary>
    public bool IsForbidden { get; }

    internal string SpanName { get; }

    /// <summary>The same route, noted as refused for want of its role.</summary>
    internal BotRoute Forbidden => _forbidden ??= new BotRoute(Kind, Name, Capability, handled: true, guard: Guard, forbidden: true);

    /// <summary>
    /// The capability a feature belongs to: its capability folder (the namespace segment after the product's root,
    /// so <c>LearningBot.OneStopShop.Escalation.EscalationFeature</c> is <c>OneStopShop</c>), or its type name without
    /// a <c>Feature</c> suffix when it lives elsewhere.
    /// </summary>
    public static string CapabilityOf(IBotFeature feature)
    {
        var type = feature.GetType();
        var segments = (type.Namespace ?? string.Empty).Split('.');
        if (segments.Length >= 2 && segments[0] == nameof(LearningBot))
        {
            return segments[1];
        }

        var name = type.Name;
        return name.EndsWith("Feature", StringComparison.Ordinal) && name.Length > "Feature".Length ? name[..^"Feature".Length] : name;
    }
}

/// <summary>A route's required role and the words a person without it sees.</summary>
public sealed record RouteGuard(Role Role, string Refusal);

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
/// The routing table: activity type → invoke name → card verb → text command → unrecognised message. Built once at
/// start-up from every <see cref="IBotFeature"/>. <see cref="For"/> gives a view of the same table whose routes require
/// a role, so a capability states who may use a route where it maps it, and the router refuses everyone else.
/// </summary>
public sealed class BotRoutes
{
    private readonly RouteTable _table;
    private readonly RouteGuard? _guard;

    public BotRoutes()
        : this(new RouteTable(), guard: null)
    {
    }

    private BotRoutes(RouteTable table, RouteGuard? guard)
    {
        _table = table;
        _guard = guard;
    }

    internal Routed<TurnHandler>? UnrecognisedMessage => _table.UnrecognisedMessage;

    /// <summary>
    /// Routes mapped through the returned view require <paramref name="role"/>; a caller without it gets
    /// <paramref name="refusal"/> (or the role's own plain-English refusal) and the handler never runs.
    /// </summary>
    public BotRoutes For(Role role, string? refusal = null) => new(_table, new RouteGuard(role, refusal ?? role.Refusal));

    public BotRoutes OnActivity(string activityType, TurnHandler handler) =>
        Add(_table.Activities, activityType, handler, RouteKinds.Activity, activityType);

    public BotRoutes OnInvoke(string invokeName, InvokeHandler handler) =>
        Add(_table.Invokes, invokeName, handler, RouteKinds.Invoke, invokeName);

    public BotRoutes OnCardAction(string verb, CardActionHandler handler) =>
        Add(_table.CardActions, verb, handler, RouteKinds.CardAction, verb);

    /// <summary>
    /// A text command matched against the whole message (case-insensitive, runs of spaces and trailing punctuation
    /// ignored). In telemetry every spelling counts as the first one.
    /// </summary>
    public BotRoutes OnCommand(TurnHandler handler, params string[] commands) =>
        AddCommands((turn, _) => handler(turn), commands, takesArgument: false);

    /// <summary>
    /// A command that may be followed by an argument (<c>gaps report last month</c>, <c>edit article job-shadowing</c>):
    /// the message is the command on its own, or the command, a space and the argument. The longest command wins.
    /// </summary>
    public BotRoutes OnCommandWithArgument(CommandHandler handler, params string[] commands) =>
        AddCommands(handler, commands, takesArgument: true);

    public BotRoutes OnUnrecognisedMessage(TurnHandler handler)
    {
        if (_table.UnrecognisedMessage is not null)
        {
            throw new InvalidOperationException("Only one feature may answer unrecognised messages.");
        }

        _table.UnrecognisedMessage = new Routed<TurnHandler>(handler, NewRoute(RouteKinds.Message, "message"));
        return this;
    }

    /// <summary>Maps one feature's routes, naming them after its capability.</summary>
    internal void Map(IBotFeature feature)
    {
        _table.Capability = BotRoute.CapabilityOf(feature);
        try
        {
            feature.MapRoutes(this);
        }
        finally
        {
            _table.Capability = BotRoute.NoCapability;
        }
    }

    internal bool TryFindActivityHandler(string type, out Routed<TurnHandler> found) => _table.Activities.TryGetValue(type, out found);

    internal bool TryFindInvokeHandler(string name, out Routed<InvokeHandler> found) => _table.Invokes.TryGetValue(name, out found);

    internal bool TryFindCardAction(string verb, out Routed<CardActionHandler> found) => _table.CardActions.TryGetValue(verb, out found);

    /// <summary>The command the text is, and what followed it; false when the text is not a command.</summary>
    internal bool TryFindCommand(string text, out Routed<CommandHandler> found, out string argument)
    {
        var command = NormaliseCommand(text);
        argument = string.Empty;
        if (_table.Commands.TryGetValue(command, out found))
        {
            return true;
        }

        foreach (var (prefix, routed) in _table.CommandsWithArgument)
        {
            if (command.Length > prefix.Length + 1
                && command[prefix.Length] == ' '
                && command.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                found = routed;
                argument = command[(prefix.Length + 1)..];
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Trims, drops trailing punctuation and makes every run of white space one space. A message that is nothing but
    /// punctuation (<c>?</c>) stays as it is.
    /// </summary>
    internal static string NormaliseCommand(string text)
    {
        var trimmed = text.Trim().TrimEnd('.', '!', '?', ' ').Trim();
        if (trimmed.Length == 0)
        {
            return text.Trim();
        }

        return HasRunOfSpaces(trimmed) ? string.Join(' ', trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)) : trimmed;
    }

    private static bool HasRunOfSpaces(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) && (text[i] != ' ' || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1]))))
            {
                return true;
            }
        }

        return false;
    }

    private BotRoutes AddCommands(CommandHandler handler, string[] commands, bool takesArgument)
    {
        if (commands.Length == 0)
        {
            return this;
        }

        var route = NewRoute(RouteKinds.Command, NormaliseCommand(commands[0]));
        foreach (var command in commands)
        {
            var key = NormaliseCommand(command);
            Add(_table.Commands, key, handler, route);
            if (takesArgument)
            {
                _table.AddCommandWithArgument(key, new Routed<CommandHandler>(handler, route));
            }
        }

        return this;
    }

    private BotRoute NewRoute(string kind, string name) => new(kind, name, _table.Capability, guard: _guard);

    private BotRoutes Add<THandler>(Dictionary<string, Routed<THandler>> table, string key, THandler handler, string kind, string name) =>
        Add(table, key, handler, NewRoute(kind, name));

    private BotRoutes Add<THandler>(Dictionary<string, Routed<THandler>> table, string key, THandler handler, BotRoute route)
    {
        if (!table.TryAdd(key, new Routed<THandler>(handler, route)))
        {
            throw new InvalidOperationException($"Two features both claim '{key}'.");
        }

        return this;
    }

    /// <summary>The tables every view of <see cref="BotRoutes"/> shares.</summary>
    private sealed class RouteTable
    {
        public Dictionary<string, Routed<TurnHandler>> Activities { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, Routed<InvokeHandler>> Invokes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Routed<CardActionHandler>> CardActions { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, Routed<CommandHandler>> Commands { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Longest first, so "gaps report" is tried before "gaps".</summary>
        public List<(string Prefix, Routed<CommandHandler> Routed)> CommandsWithArgument { get; } = [];

        public Routed<TurnHandler>? UnrecognisedMessage { get; set; }

        public string Capability { get; set; } = BotRoute.NoCapability;

        public void AddCommandWithArgument(string prefix, Routed<CommandHandler> routed)
        {
            CommandsWithArgument.Add((prefix, routed));
            CommandsWithArgument.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
        }
    }
}
