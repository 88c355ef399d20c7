using System.Security.Claims;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using LearningBot.Storage;
using LearningBot.Telemetry;
using Microsoft.Extensions.Options;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// <c>POST /api/messages</c>, shaped like the SDK's CloudAdapter: read the activity, authenticate it,
/// process it once, and answer with the protocol's status codes. Each activity is one <c>turn</c> span and one count in
/// the turn metrics when telemetry listens (see <see cref="TurnTelemetry"/>).
/// </summary>
public sealed partial class BotAdapter(
    IBotAuthenticator authenticator,
    IConnectorClientFactory connectors,
    BotRouter router,
    ActivityDeduplicator deduplicator,
    ConversationReferenceStore references,
    TurnLimits limits,
    IOptions<BotHostingOptions> options,
    ILogger<BotAdapter> logger)
{
    private static readonly ClaimsIdentity AnonymousIdentity = new();

    public async Task ProcessAsync(HttpContext http)
    {
        // One method (not a wrapper) so an unobserved turn costs no extra async state machine.
        var telemetry = TurnTelemetry.StartIfObserved();
        try
        {
            var request = http.Request;
            if (!HttpMethods.IsPost(request.Method))
            {
                telemetry?.Outcome = TurnOutcomes.Rejected;
                http.Response.Headers.Allow = "POST";
                await WriteProblemAsync(http, StatusCodes.Status405MethodNotAllowed, "Only POST is accepted here.");
                return;
            }

            var (body, problemStatus, problem) = await ReadBodyAsync(request, http.RequestAborted);
            using var buffer = body;
            if (body is null)
            {
                telemetry?.Outcome = TurnOutcomes.Rejected;
                await WriteProblemAsync(http, problemStatus, problem!);
                return;
            }

            // Until the token is valid, nothing is read from the body but what it is checked against (channelId,
            // serviceUrl, tenant; InboundActivityContext.Read never throws), so no body can fail before authentication.
            var inbound = InboundActivityContext.Read(Bytes(body));
            var auth = await authenticator.AuthenticateAsync(
                request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
                inbound,
                http.RequestAborted);
            if (!auth.Succeeded)
            {
                telemetry?.Outcome = TurnOutcomes.Rejected;
                await RejectAsync(http, auth);
                return;
            }

            var (activity, parseProblem) = ParseActivity(Bytes(body), inbound);
            if (activity is null)
            {
                telemetry?.Outcome = TurnOutcomes.Rejected;
                await WriteProblemAsync(http, StatusCodes.Status400BadRequest, parseProblem!);
                return;
            }

            telemetry?.Describe(activity);

            var (response, duplicate) = await ProcessOnceAsync(activity, auth.Identity ?? AnonymousIdentity, telemetry);
            telemetry?.Completed(duplicate);
            await WriteResponseAsync(http, activity, response);
        }
        finally
        {
            telemetry?.Stop();
        }
    }

    /// <summary>
    /// The turn, run once per activity id. The claim that makes it once across instances is charged to the turn's storage
    /// budget, which the turn then goes on spending. The closure is made here rather than in <see cref="ProcessAsync"/>,
    /// where capturing locals of the try block and of the method would cost two closure objects per turn.
    /// </summary>
    /// <remarks>
    /// Not async, to save the turn a frame: the budget is current when the de-duplication starts, so every await of the
    /// claim and the turn carries it on, and ending the scope as this returns only gives <see cref="ProcessAsync"/> back
    /// the budget it had (none), as an async method's return would.
    /// </remarks>
    private Task<(InvokeResponse? Response, bool WasDuplicate)> ProcessOnceAsync(
        Activity activity, ClaimsIdentity identity, TurnTelemetry? telemetry)
    {
        using var storageTime = StorageBudget.Begin(limits.StorageBudget);
        return deduplicator.ProcessOnceAsync(activity, () => RunTurnAsync(activity, identity, telemetry));
    }

    /// <summary>
    /// One turn under its own lifetime (<see cref="TurnLimits"/>): a deadline instead of the HTTP request's abort, so a
    /// turn Teams stopped waiting for still finishes what it started; a storage and a Bot Connector time budget, so an
    /// outage surfaces within seconds; and the conversation reference stored beside the turn, never in its way. Every
    /// turn ends with an answer: the handler's, or an apology (<see cref="AnswerFailureAsync"/>), never an exception.
    /// </summary>
    private async Task<InvokeResponse?> RunTurnAsync(Activity activity, ClaimsIdentity identity, TurnTelemetry? telemetry)
    {
        using var deadline = new CancellationTokenSource(limits.TurnTimeout);
        using var storageTime = StorageBudget.Current is null ? StorageBudget.Begin(limits.StorageBudget) : (StorageBudget.Scope?)null;
        using var connectorTime = ConnectorBudget.Begin(limits.ConnectorBudget);
        if (CreateConnector(activity) is not { } connector)
        {
            telemetry?.Route = BotRoute.UntrustedServiceUrl;
            return activity.IsInvoke ? new InvokeResponse(StatusCodes.Status200OK) : null;
        }

        var turn = new TurnContext(activity, identity, connector, deadline.Token);
        var remembered = references.RememberAsync(activity, limits.ConversationReferenceTimeout);
        try
        {
            return await router.RouteAsync(turn);
        }
        catch (Exception exception)
        {
            telemetry?.Failed = true;
            return await AnswerFailureAsync(turn, exception, ranOutOfTime: deadline.IsCancellationRequested);
        }
        finally
        {
            telemetry?.Route = turn.Route;
            await remembered;
        }
    }

    /// <summary>
    /// The connector for the activity's <c>serviceUrl</c>, or null when the bot may not send its token there (rules 3.3, 3.12).
    /// The token already bound the activity to that URL, so this is defence in depth: the turn is not run, nothing is
    /// remembered and the request is answered 200 without a reply, since a 500 would only bring the activity back.
    /// </summary>
    private IConnectorClient? CreateConnector(Activity activity)
    {
        try
        {
            return connectors.Create(activity.ServiceUrl!);
        }
        catch (UntrustedConnectorHostException refused)
        {
            logger.LogWarning(
                "Not answering {ActivityType} {ActivityId}: its serviceUrl host {Host} is not an allowed Bot Connector host (BotAuthentication:AllowedConnectorHosts)",
                activity.Type, activity.Id, refused.ServiceUrl.IdnHost);
            return null;
        }
    }
}
