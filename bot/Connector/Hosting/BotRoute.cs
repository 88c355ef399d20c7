namespace LearningBot.Connector.Hosting;

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
    internal static readonly BotRoute UntrustedServiceUrl = new(RouteKinds.Activity, "untrusted-service-url", NoCapability, handled: false, rejected: true);

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
