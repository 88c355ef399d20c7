using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>Lays the stored articles over the repository's at start-up; a storage outage is logged, not fatal.</summary>
public sealed class StoredArticlesLoader(KnowledgeArticleStore store, ILogger<StoredArticlesLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var loaded = await store.LoadIntoEngineAsync(cancellationToken);
            logger.LogInformation("Loaded {StoredArticleCount} articles edited in Teams over the repository's knowledge base", loaded);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not load the articles edited in Teams; answering from the repository's articles only");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
