using System.Buffers;
using System.Net.Mime;
using System.Security.Claims;
using System.Text.Json;
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
public sealed class BotAdapter(
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
    private async Task<(InvokeResponse? Response, bool WasDuplicate)> ProcessOnceAsync(
        Activity activity, ClaimsIdentity identity, TurnTelemetry? telemetry)
    {
        using var storageTime = StorageBudget.Begin(limits.StorageBudget);
        return await deduplicator.ProcessOnceAsync(activity, () => RunTurnAsync(activity, identity, telemetry));
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

    /// <summary>
    /// A failed turn never becomes a 500 (which would make the channel redeliver it): the user is told instead, with a
    /// reference that is also in the log. That covers a turn that ran out of time and one whose storage is unavailable.
    /// </summary>
    private async Task<InvokeResponse?> AnswerFailureAsync(TurnContext turn, Exception exception, bool ranOutOfTime)
    {
        if (exception is UnusableTableKeyException unreadable)
        {
            return await AnswerUnreadableAsync(turn, unreadable);
        }

        var reference = Guid.NewGuid().ToString("N")[..8];
        if (ranOutOfTime)
        {
            logger.LogError(exception, "Turn ran out of time for {ActivityType} {ActivityId} (reference {Reference})",
                turn.Activity.Type, turn.Activity.Id, reference);
        }
        else
        {
            logger.LogError(exception, "Turn failed for {ActivityType} {ActivityId} (reference {Reference})",
                turn.Activity.Type, turn.Activity.Id, reference);
        }

        var message = $"Sorry, something went wrong on my side. Please try again in a moment. If it keeps happening, quote reference {reference} to the L&D Support Team.";
        if (turn.Activity.IsInvoke)
        {
            return turn.Activity.Name == BotRouter.AdaptiveCardActionInvoke
                ? new InvokeResponse(StatusCodes.Status200OK, AdaptiveCardInvokeResponse.Message(message))
                : new InvokeResponse(StatusCodes.Status200OK, TaskModuleResponse.Message(message));
        }

        await TellAsync(turn, message, reference);
        return null;
    }

    private async Task TellAsync(TurnContext turn, string message, string? reference = null)
    {
        try
        {
            // Not the turn's deadline, which may be what failed it; the turn's connector budget still applies.
            using var apologyTime = new CancellationTokenSource(TurnLimits.ApologyTimeout);
            await turn.SendActivityAsync(turn.Activity.CreateReply() with { Text = message, TextFormat = "markdown" }, apologyTime.Token);
        }
        catch (Exception sendFailure)
        {
            logger.LogWarning(sendFailure, "Could not tell the user about failure {Reference}", reference ?? "(unreadable input)");
        }
    }

    /// <summary>
    /// An identifier the activity or its card sent that no record can have (too long, or with characters keys may not
    /// hold): nothing was found or written under it, so the sender is told the details could not be read, as for any
    /// other malformed card action, and the bot's own failures stay the only errors in the log.
    /// </summary>
    private async Task<InvokeResponse?> AnswerUnreadableAsync(TurnContext turn, UnusableTableKeyException exception)
    {
        logger.LogWarning("Could not read an identifier that {ActivityType} {ActivityId} sent: {Problem}",
            turn.Activity.Type, turn.Activity.Id, exception.Message);
        const string message = "Sorry, I could not read the details that were sent. Please start again from a fresh card.";
        if (turn.Activity.IsInvoke)
        {
            return turn.Activity.Name == BotRouter.AdaptiveCardActionInvoke
                ? new InvokeResponse(StatusCodes.Status400BadRequest, AdaptiveCardInvokeResponse.Error(StatusCodes.Status400BadRequest, "BadRequest", message))
                : new InvokeResponse(StatusCodes.Status400BadRequest);
        }

        await TellAsync(turn, message);
        return null;
    }

    /// <summary>The body, at most <see cref="BotHostingOptions.MaxActivityBytes"/> of JSON (else 413 or 415); nothing in it is read.</summary>
    private async Task<(PooledBody? Body, int Status, string? Problem)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxActivityBytes;
        if (request.ContentLength > limit)
        {
            return (null, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {limit} bytes.");
        }

        if (!IsJson(request.ContentType))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, "The activity must be sent as application/json.");
        }

        // Sized from Content-Length (already checked against the limit) so a normal activity is read in place, once.
        var body = new PooledBody(request.ContentLength is { } length and > 0 ? (int)length : 0);
        if (await body.FillAsync(request.Body, limit, cancellationToken))
        {
            body.Dispose();
            return (null, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {limit} bytes.");
        }

        return (body, StatusCodes.Status200OK, null);
    }

    private static ReadOnlySpan<byte> Bytes(PooledBody body) => body.Bytes;

    /// <summary>
    /// The activity of an authenticated request, or why it is malformed (400): not an activity, missing what a reply
    /// needs, a <c>serviceUrl</c> that is not http(s), parts of a shape Teams never sends (<see cref="ActivityShape"/>),
    /// or values that differ from those the token was checked against.
    /// </summary>
    private static (Activity? Activity, string? Problem) ParseActivity(ReadOnlySpan<byte> body, InboundActivityContext authenticated)
    {
        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize<Activity>(body, BotJson.Options);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            return (null, $"The body is not a valid activity: {exception.Message}");
        }

        var missing = activity switch
        {
            null => "a JSON object",
            { Type: null or "" } => "'type'",
            { ChannelId: null or "" } => "'channelId'",
            { ServiceUrl: null or "" } => "'serviceUrl'",
            { Conversation.Id: null or "" } or { Conversation: null } => "'conversation.id'",
            { IsMessage: true } or { IsInvoke: true } when activity.From?.Id is null or "" => "'from.id'",
            _ => null,
        };
        if (missing is not null)
        {
            return (null, $"The activity is missing {missing}.");
        }

        if (!Uri.TryCreate(activity!.ServiceUrl, UriKind.Absolute, out var serviceUri)
            || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp))
        {
            return (null, "The activity's 'serviceUrl' is not an absolute http(s) URL.");
        }

        if (ActivityShape.FindMalformedPart(activity) is { } malformed)
        {
            return (null, $"The activity's {malformed} is not of the shape Teams sends.");
        }

        // Read the same way as before the token was checked, so this holds for any body; kept as a guard.
        if (!string.Equals(activity.ChannelId, authenticated.ChannelId, StringComparison.Ordinal)
            || !string.Equals(activity.ServiceUrl, authenticated.ServiceUrl, StringComparison.Ordinal)
            || !string.Equals(activity.GetTenantId(), authenticated.TenantId, StringComparison.Ordinal))
        {
            return (null, "The activity is ambiguous: it names its channel, service URL or tenant more than once.");
        }

        return (activity, null);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The request body in a pooled array, returned when the request ends: a fresh array per turn is zeroed and
    /// collected on every message. Nothing read from it keeps it (strings and the activity's JSON parts are copies).
    /// </summary>
    private sealed class PooledBody(int expectedLength) : IDisposable
    {
        // One byte more than announced, so the read that finds the end needs no bigger array.
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(expectedLength, 4 * 1024 - 1) + 1);

        public int Length { get; private set; }

        public ReadOnlySpan<byte> Bytes => _buffer.AsSpan(0, Length);

        /// <summary>Reads the whole stream; true (and stops reading) as soon as it is over <paramref name="limit"/> bytes.</summary>
        public async Task<bool> FillAsync(Stream source, long limit, CancellationToken cancellationToken)
        {
            while (true)
            {
                if (Length == _buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    _buffer.AsSpan(0, Length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = bigger;
                }

                var read = await source.ReadAsync(_buffer.AsMemory(Length), cancellationToken);
                if (read == 0)
                {
                    return false;
                }

                Length += read;
                if (Length > limit)
                {
                    return true;
                }
            }
        }

        public void Dispose()
        {
            if (_buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = [];
                Length = 0;
            }
        }
    }

    /// <summary>
    /// 401 (with the Bearer challenge) or 403, always with the same body: the caller is not told which check failed.
    /// The reason goes to the log only.
    /// </summary>
    private async Task RejectAsync(HttpContext http, BotAuthenticationResult auth)
    {
        logger.LogWarning("Rejected an activity with {Status}: {Failure}", auth.StatusCode, auth.Failure);
        var status = auth.StatusCode is StatusCodes.Status403Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        if (status == StatusCodes.Status401Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        }

        http.Response.StatusCode = status;
        await http.Response.WriteAsJsonAsync(
            new { error = new { code = "Unauthorized", message = NotAuthorized } }, BotJson.Options, http.RequestAborted);
    }

    /// <summary>The one message of every 401 and 403 from <c>/api/messages</c>.</summary>
    public const string NotAuthorized = "The request is not authorized.";

    private static async Task WriteResponseAsync(HttpContext http, Activity activity, InvokeResponse? response)
    {
        if (!activity.IsInvoke)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        response ??= new InvokeResponse(StatusCodes.Status501NotImplemented);
        http.Response.StatusCode = response.Status;
        if (response.Body is not null)
        {
            http.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(http.Response.Body, response.Body, response.Body.GetType(), BotJson.Options, http.RequestAborted);
        }
    }

    private static Task WriteProblemAsync(HttpContext http, int status, string detail)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(
            new { error = new { code = ReasonCode(status), message = detail } },
            BotJson.Options,
            http.RequestAborted);
    }

    private static string ReasonCode(int status) => status switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        405 => "MethodNotAllowed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        _ => "Error",
    };
}
