using LearningBot.OneStopShop.Knowledge;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Lays the stored articles over the repository's, in the background once the bot has started: with storage unavailable
/// the bot starts anyway, answers from the repository's articles, and loads the stored ones when storage is back. Then,
/// every <see cref="AnswerOptions.StoredArticlesRefresh"/>, takes the articles saved on other instances since, so every
/// instance answers from the same articles within that time.
/// </summary>
public sealed partial class StoredArticlesLoader(
    KnowledgeArticleStore store, IOptions<AnswerOptions> options, TimeProvider clock, ILogger<StoredArticlesLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await StorageRetry.UntilDoneAsync(
            async cancellationToken => LogLoaded(await store.LoadIntoEngineAsync(cancellationToken)),
            (exception, wait) => LogFirstLoadFailed(exception, wait),
            clock,
            stoppingToken);

        using var timer = new PeriodicTimer(options.Value.StoredArticlesRefresh, clock);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                if (await store.LoadIntoEngineAsync(stoppingToken) is > 0 and var taken)
                {
                    LogRefreshed(taken);
                }
            }
            catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
            {
                LogRefreshFailed(exception);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {StoredArticleCount} articles edited in Teams over the repository's knowledge base")]
    private partial void LogLoaded(int storedArticleCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the articles edited in Teams; answering from the repository's articles only, trying again in {Interval}")]
    private partial void LogFirstLoadFailed(Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Took {StoredArticleCount} article(s) saved on another instance")]
    private partial void LogRefreshed(int storedArticleCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for articles saved on other instances; trying again at the next refresh")]
    private partial void LogRefreshFailed(Exception exception);
}
