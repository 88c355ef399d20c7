using System.Net;
using System.Text.Json;

namespace LearningBot.Connector.Client;

/// <summary>
/// A Bot Connector call failed. Carries the HTTP status, the <c>ErrorResponse</c> code and message when the
/// service sent one, and the Teams sub-code, so callers can react (for example mark a user unreachable).
/// </summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(string operation, HttpStatusCode? statusCode, string? code, string? subCode, string? errorMessage, TimeSpan? retryAfter, Exception? inner = null)
        : base(Describe(operation, statusCode, code, subCode, errorMessage), inner)
    {
        Operation = operation;
        StatusCode = statusCode;
        Code = code;
        SubCode = subCode;
        ErrorMessage = errorMessage;
        RetryAfter = retryAfter;
    }

    /// <summary>The operation, for example <c>SendToConversation</c>.</summary>
    public string Operation { get; }

    /// <summary>Null when no HTTP answer came back (timeout, connection failure).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary><c>error.code</c> of the body, for example <c>ConversationBlockedByUser</c>.</summary>
    public string? Code { get; }

    /// <summary>A more specific code when the service nests one (<c>subCode</c> or an inner HTTP error), for example <c>MessageWritesBlocked</c>.</summary>
    public string? SubCode { get; }

    public string? ErrorMessage { get; }

    /// <summary>The wait the service asked for when the call was given up on while throttled.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>True when the status, code or sub-code matches <paramref name="code"/> (case-insensitive).</summary>
    public bool Has(string code) =>
        string.Equals(Code, code, StringComparison.OrdinalIgnoreCase) || string.Equals(SubCode, code, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The bot can no longer write to this user or conversation (blocked, uninstalled, removed, disabled by the
    /// admin, conversation gone). Retrying will not help until the user talks to the bot again.
    /// </summary>
    public bool IsRecipientUnreachable =>
        StatusCode == HttpStatusCode.Forbidden
            && (Has(TeamsErrorCodes.ConversationBlockedByUser) || Has(TeamsErrorCodes.MessageWritesBlocked)
                || Has(TeamsErrorCodes.BotNotInConversationRoster) || Has(TeamsErrorCodes.BotDisabledByAdmin))
        || (StatusCode == HttpStatusCode.NotFound && Has(TeamsErrorCodes.ConversationNotFound));

    /// <summary>The service throttled the call (429) or saw concurrent writes (412): try again later.</summary>
    public bool IsTransient =>
        StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed
            or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
        || StatusCode is null;

    internal static ConnectorException FromResponse(string operation, HttpStatusCode status, string? body, TimeSpan? retryAfter)
    {
        var (code, subCode, message) = ParseError(body);
        return new ConnectorException(operation, status, code, subCode, message, retryAfter);
    }

    /// <summary>
    /// Reads <c>{"error":{"code","message","subCode"?,"innerHttpError":{"body":{"error":{"code"}}}?}}</c>,
    /// and the bare <c>{"code","message"}</c> some peers send.
    /// </summary>
    internal static (string? Code, string? SubCode, string? Message) ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return default;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }

            var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object ? e : root;
            var code = ReadString(error, "code");
            var message = ReadString(error, "message");
            var subCode = ReadString(error, "subCode") ?? ReadString(root, "subCode") ?? InnerCode(error);
            return (code, subCode == code ? null : subCode, message);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static string? InnerCode(JsonElement error) =>
        error.TryGetProperty("innerHttpError", out var inner) && inner.ValueKind == JsonValueKind.Object
            && inner.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Object
            && body.TryGetProperty("error", out var innerError) && innerError.ValueKind == JsonValueKind.Object
            ? ReadString(innerError, "code")
            : null;

    private static string? ReadString(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
            {
                return property.Value.GetString();
            }
        }

        return null;
    }

    private static string Describe(string operation, HttpStatusCode? status, string? code, string? subCode, string? message)
    {
        var what = status is null ? "no response" : $"HTTP {(int)status}";
        var codes = string.Join("/", new[] { code, subCode }.Where(c => !string.IsNullOrEmpty(c)));
        return $"Bot Connector {operation} failed: {what}{(codes.Length > 0 ? $" {codes}" : string.Empty)}{(string.IsNullOrEmpty(message) ? string.Empty : $": {message}")}";
    }
}
