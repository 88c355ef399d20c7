using LearningBot.Connector.Authentication;
using LearningBot.Storage;

namespace LearningBot.BotHost;

/// <summary><c>GET /healthz</c>: is the bot up, and can it reach its table storage?</summary>
internal static class HealthCheck
{
    public static async Task<IResult> WriteAsync(
        TableStorage tables, IBotAuthenticator authenticator, CancellationToken cancellationToken)
    {
        string storage;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await tables.PingAsync(timeout.Token);
            storage = "ok";
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception) || exception is OperationCanceledException)
        {
            storage = "unreachable";
        }

        var healthy = storage == "ok";
        var body = new
        {
            status = healthy ? "ok" : "degraded",
            bot = "ok",
            storage,
            authentication = authenticator.IsDisabled ? "off (local run)" : "on",
        };
        return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
