using System.Buffers;
using System.Net.Mime;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using LearningBot.Connector.Authentication;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>The HTTP side of the endpoint: the body read within its limit, the activity parsed and checked, and the protocol's status codes written.</summary>
public sealed partial class BotAdapter
{
    /// <summary>
    /// The body, at most <see cref="BotHostingOptions.MaxActivityBytes"/> of uncompressed JSON arriving within
    /// <see cref="BotHostingOptions.BodyReadTimeout"/> (else 413, 415 or 408); nothing in it is read.
    /// </summary>
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

        // The Bot Connector never compresses; a body is never inflated, so a compression bomb costs only its own size.
        if (!IsIdentityEncoding(request.Headers.ContentEncoding))
        {
            return (null, StatusCodes.Status415UnsupportedMediaType, "The activity must be sent without a content encoding.");
        }

        // Sized from Content-Length (already checked against the limit) so a normal activity is read in place, once.
        var body = new PooledBody(request.ContentLength is { } length and > 0 ? (int)length : 0);
        using var readTime = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        readTime.CancelAfter(options.Value.BodyReadTimeout);
        try
        {
            if (await body.FillAsync(request.Body, limit, readTime.Token))
            {
                body.Dispose();
                return (null, StatusCodes.Status413PayloadTooLarge, $"The activity is larger than {limit} bytes.");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            body.Dispose();
            return (null, StatusCodes.Status408RequestTimeout, "The activity did not arrive in time.");
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

    /// <summary><c>application/json</c> or a <c>+json</c> type, with any parameters; the media type itself compared whole.</summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && (parsed.MediaType.Equals(MediaTypeNames.Application.Json, StringComparison.OrdinalIgnoreCase)
            || parsed.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool IsIdentityEncoding(StringValues contentEncoding) =>
        contentEncoding.All(value => string.IsNullOrWhiteSpace(value) || string.Equals(value.Trim(), "identity", StringComparison.OrdinalIgnoreCase));

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
    /// The reason goes to the log only, written once by the authenticator (the one place that knows it).
    /// </summary>
    private static async Task RejectAsync(HttpContext http, BotAuthenticationResult auth)
    {
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
        408 => "RequestTimeout",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        _ => "Error",
    };
}
