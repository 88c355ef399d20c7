using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Lays the stored articles over the repository's, in the background once the bot has started: with storage unavailable
/// the bot starts anyway, answers from the repository's articles, and loads the stored ones when storage is back.
/// </summary>
public sealed class StoredArticlesLoader(KnowledgeArticleStore store, TimeProvider clock, ILogger<StoredArticlesLoader> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        StorageRetry.UntilDoneAsync(
            async cancellationToken =>
            {
                var loaded = await store.LoadIntoEngineAsync(cancellationToken);
                logger.LogInformation("Loaded {StoredArticleCount} articles edited in Teams over the repository's knowledge base", loaded);
            },
            (exception, wait) => logger.LogWarning(exception,
                "Could not load the articles edited in Teams; answering from the repository's articles only, trying again in {Interval}", wait),
            clock,
            stoppingToken);
}
