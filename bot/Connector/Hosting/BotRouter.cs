using System.Text.Json;
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
public sealed partial class BotRouter
{
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
    private const string ExecuteActionType = "Action.Execute";

    private static readonly Routed<CardActionHandler> UnknownVerb = new(
        (_, _) => Task.FromResult(CardActionResult.Message("Sorry, that button no longer does anything. Type **help** to see what I can do.")),
        BotRoute.UnknownCardAction);

    private readonly BotRoutes _routes = new();
    private readonly IRoleCheck _roles;
    private readonly ILogger<BotRouter> _logger;

    public BotRouter(IEnumerable<IBotFeature> features, IRoleCheck roles, ILogger<BotRouter> logger, IEnumerable<IKnownWords> knownWords)
    {
        _roles = roles;
        _logger = logger;
        _routes.KnownWords = [.. knownWords];
        foreach (var feature in features)
        {
            _routes.Map(feature);
        }
    }

    /// <summary>The routing table every feature mapped into.</summary>
    internal BotRoutes Routes => _routes;

    /// <remarks>Hands the turn on without an async frame of its own: each kind's method answers for the turn.</remarks>
    public Task<InvokeResponse?> RouteAsync(ITurnContext turn)
    {
        var activity = turn.Activity;
        return activity.IsInvoke ? RouteInvokeAsync(turn)
            : activity.IsMessage ? RouteMessageAsync(turn)
            : RouteOtherActivityAsync(turn);
    }

    private async Task<InvokeResponse?> RouteOtherActivityAsync(ITurnContext turn)
    {
        var activity = turn.Activity;
        if (!_routes.TryFindActivityHandler(activity.Type!, out var routed))
        {
            Choose(turn, BotRoute.UnknownActivity);
            return null;
        }

        if (await RefusedAsync(turn, routed.Route) is not null)
        {
            return null;
        }

        await RunInSpanAsync(turn, routed.Route, routed.Handler, static (t, handler) => handler(t));

        return null;
    }

    /// <summary>
    /// Notes the route on the turn (for the turn's telemetry) and, for a handled route, starts its capability span
    /// (null when nobody listens).
    /// </summary>
    private static Span? Choose(ITurnContext turn, BotRoute route)
    {
        NoteRoute(turn, route);

        if (!route.IsHandled || BotTelemetry.Source.StartActivity(route.SpanName) is not { } span)
        {
            return null;
        }

        span.SetTag(TelemetryTags.Capability, route.Capability);
        span.SetTag(TelemetryTags.RouteKind, route.Kind);
        span.SetTag(TelemetryTags.Route, route.Name);
        return span;
    }

    private static void NoteRoute(ITurnContext turn, BotRoute route)
    {
        if (turn is TurnContext context)
        {
            context.Route = route;
        }
    }

    /// <summary>A message is answered by what the handler sends, never in the HTTP response: always null.</summary>
    private async Task<InvokeResponse?> RouteMessageAsync(ITurnContext turn)
    {
        if (ReadSubmittedVerb(turn.Activity.Value) is { } verb)
        {
            await AnswerCardSubmitAsync(turn, verb);
            return null;
        }

        if (_routes.TryFindCommand(turn.Text, out var command, out var argument, out var loosely)
            && !(loosely && await LacksRoleAsync(turn, command.Route)))
        {
            if (await RefusedAsync(turn, command.Route) is { } refusal)
            {
                await turn.SendTextAsync(refusal);
                return null;
            }

            await RunInSpanAsync(turn, command.Route, (command.Handler, argument), static (t, state) => state.Handler(t, state.argument));
            return null;
        }

        if (_routes.UnrecognisedMessage is not { } routed)
        {
            Choose(turn, BotRoute.UnknownCommand);
            return null;
        }

        await RunInSpanAsync(turn, routed.Route, routed.Handler, static (t, handler) => handler(t));
        return null;
    }

    private async Task<InvokeResponse?> RouteInvokeAsync(ITurnContext turn)
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
    /// Whether the caller lacks the role the route requires. A guarded command read loosely ("get feedback") is then
    /// answered as a question rather than refused: only a command typed as it is gets the refusal.
    /// </summary>
    private async ValueTask<bool> LacksRoleAsync(ITurnContext turn, BotRoute route) =>
        route.Guard is { } guard && !await _roles.HoldsAsync(turn.Caller, guard.Role, turn.Aborted);

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
    /// when it throws. The handler gets its state as an argument, so the turn path makes no closure. When nothing listens
    /// to the bot's spans the route is only noted and the handler's own task returned, with no async frame around it.
    /// </summary>
    private static Task<TResult> RunInSpanAsync<TState, TResult>(
        ITurnContext turn, BotRoute route, TState state, Func<ITurnContext, TState, Task<TResult>> handler)
    {
        if (!BotTelemetry.Source.HasListeners())
        {
            NoteRoute(turn, route);
            return handler(turn, state);
        }

        return InSpanAsync(turn, route, state, handler);
    }

    /// <inheritdoc cref="RunInSpanAsync{TState, TResult}"/>
    private static Task RunInSpanAsync<TState>(
        ITurnContext turn, BotRoute route, TState state, Func<ITurnContext, TState, Task> handler)
    {
        if (!BotTelemetry.Source.HasListeners())
        {
            NoteRoute(turn, route);
            return handler(turn, state);
        }

        return InSpanAsync(turn, route, (handler, state), static async (t, s) =>
        {
            await s.handler(t, s.state);
            return true;
        });
    }

    private static async Task<TResult> InSpanAsync<TState, TResult>(
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
}
