using LearningBot.Storage;

namespace LearningBot.BotHost;

/// <summary>
/// <c>GET /healthz</c>: is the bot up, and can it reach its table storage? Anyone may ask, so the answer is only
/// <c>{"status":"ok"}</c> (200) or <c>{"status":"degraded"}</c> (503): nothing about how the bot is configured (such
/// as whether inbound authentication is on) or which dependency failed. The reason for a degraded answer is logged.
/// </summary>
internal static partial class HealthCheck
{
    public static async Task<IResult> WriteAsync(TableStorage tables, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var healthy = true;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await tables.PingAsync(timeout.Token);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception) || exception is OperationCanceledException)
        {
            healthy = false;
            LogStorageUnreachable(loggers.CreateLogger(typeof(HealthCheck)), exception.GetType().Name);
        }

        return Results.Json(
            new { status = healthy ? "ok" : "degraded" },
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health check: table storage is unreachable ({Failure})")]
    private static partial void LogStorageUnreachable(ILogger logger, string failure);
}
