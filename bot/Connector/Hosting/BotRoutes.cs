using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

public delegate Task TurnHandler(ITurnContext turn);

/// <summary>A text command's handler; <paramref name="argument"/> is what followed the command (empty when nothing did).</summary>
public delegate Task CommandHandler(ITurnContext turn, string argument);

public delegate Task<InvokeResponse> InvokeHandler(ITurnContext turn);

public delegate Task<CardActionResult> CardActionHandler(ITurnContext turn, CardActionRequest action);

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

    /// <summary>Words never taken for a slip of the keyboard when a message is read loosely (<see cref="LooseCommands"/>).</summary>
    internal IReadOnlyList<IKnownWords> KnownWords
    {
        get => _table.KnownWords;
        set
        {
            _table.KnownWords = value;
            _table.ForgetLoose();
        }
    }

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

    /// <summary>
    /// Every route in the table, once each, in a stable order (kind, then name): for the generated list of guarded routes
    /// (docs/roles.md) and the tests that press each of them. A route's <see cref="BotRoute.Name"/> is a key that reaches it.
    /// </summary>
    internal IReadOnlyList<BotRoute> All() =>
    [
        .. _table.Activities.Values.Select(routed => routed.Route)
            .Concat(_table.Invokes.Values.Select(routed => routed.Route))
            .Concat(_table.CardActions.Values.Select(routed => routed.Route))
            .Concat(_table.Commands.Values.Select(routed => routed.Route))
            .Concat(_table.UnrecognisedMessage is { } unrecognised ? [unrecognised.Route] : [])
            .Distinct()
            .OrderBy(route => route.Kind, StringComparer.Ordinal)
            .ThenBy(route => route.Name, StringComparer.Ordinal),
    ];

    internal bool TryFindActivityHandler(string type, out Routed<TurnHandler> found) => _table.Activities.TryGetValue(type, out found);

    internal bool TryFindInvokeHandler(string name, out Routed<InvokeHandler> found) => _table.Invokes.TryGetValue(name, out found);

    internal bool TryFindCardAction(string verb, out Routed<CardActionHandler> found) => _table.CardActions.TryGetValue(verb, out found);

    /// <summary>
    /// The command the text is, and what followed it; false when the text is not a command. Exactly as typed first (but
    /// for case, spaces and closing punctuation), then read loosely (<see cref="LooseCommands"/>): "gaps report please"
    /// is <c>gaps report</c> before it is <c>gaps report</c> with the argument "please", while "gaps report Last Month"
    /// keeps its argument as typed.
    /// </summary>
    internal bool TryFindCommand(string text, out Routed<CommandHandler> found, out string argument) =>
        TryFindCommand(text, out found, out argument, out _);

    /// <summary><see cref="TryFindCommand(string, out Routed{CommandHandler}, out string)"/>, saying whether the text was read loosely.</summary>
    internal bool TryFindCommand(string text, out Routed<CommandHandler> found, out string argument, out bool loosely)
    {
        var command = NormaliseCommand(text);
        argument = string.Empty;
        loosely = false;
        if (_table.Commands.TryGetValue(command, out found))
        {
            return true;
        }

        var loose = _table.Loose;
        var readings = CommandPhrasing.Readings(CommandPhrasing.Words(text, out var spans)).ToList();
        if (loose.TryFindReading(readings, out found))
        {
            loosely = true;
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

        loosely = true;
        if (!loose.TryFindLooser(readings, out found, out var typed))
        {
            return false;
        }

        // The argument as it was typed ("edit article job-shadowing"), from its first word to its last.
        argument = typed.Count == 0 ? string.Empty : text[spans[typed.First].Start..spans[typed.First + typed.Count - 1].End];
        return true;
    }

    /// <summary>
    /// Trims, drops trailing punctuation and makes every run of white space one space. A message that is nothing but
    /// punctuation (<c>?</c>) stays as it is.
    /// </summary>
    // A field, as a params list would make a new array for every message.
    private static readonly char[] EndPunctuation = ['.', '!', '?', ' '];

    internal static string NormaliseCommand(string text)
    {
        var trimmed = text.Trim().TrimEnd(EndPunctuation).Trim();
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
            _table.ForgetLoose();
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
        private LooseCommands? _loose;

        public Dictionary<string, Routed<TurnHandler>> Activities { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, Routed<InvokeHandler>> Invokes { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Routed<CardActionHandler>> CardActions { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, Routed<CommandHandler>> Commands { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>Longest first, so "gaps report" is tried before "gaps".</summary>
        public List<(string Prefix, Routed<CommandHandler> Routed)> CommandsWithArgument { get; } = [];

        public Routed<TurnHandler>? UnrecognisedMessage { get; set; }

        /// <summary>
        /// The commands read loosely; made again when the first message after a change needs them (two first messages at
        /// once may each make one: either will do).
        /// </summary>
        public LooseCommands Loose => _loose ??= new LooseCommands(Commands, CommandsWithArgument, KnownWords);

        public IReadOnlyList<IKnownWords> KnownWords { get; set; } = [];

        public string Capability { get; set; } = BotRoute.NoCapability;

        public void ForgetLoose() => _loose = null;

        public void AddCommandWithArgument(string prefix, Routed<CommandHandler> routed)
        {
            CommandsWithArgument.Add((prefix, routed));
            CommandsWithArgument.Sort((a, b) => b.Prefix.Length.CompareTo(a.Prefix.Length));
        }
    }
}
