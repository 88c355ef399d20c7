using Azure.Data.Tables;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>How stored articles reach this instance's answer engine: at start-up, after a save here, and on each refresh.</summary>
public sealed partial class KnowledgeArticleStore
{
    /// <summary>The version of each stored article this instance's engine holds.</summary>
    private readonly Dictionary<string, int> _inEngine = new(StringComparer.Ordinal);
    private readonly Lock _engineGate = new();

    /// <summary>
    /// Puts into the engine every stored article newer than the version it holds (all of them the first time), and
    /// returns how many. One small query lists the versions; only the articles that changed are read in full. Links
    /// between the articles taken are resolved whatever their order.
    /// </summary>
    public async Task<int> LoadIntoEngineAsync(CancellationToken cancellationToken)
    {
        var articles = await _articles.GetAsync(cancellationToken);
        var listed = await articles.ListAsync<StoredArticle>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ArticlePartition}"), select: [nameof(StoredArticle.RowKey), nameof(StoredArticle.Version)], cancellationToken: cancellationToken);
        var newer = listed.Where(row => row.Version > VersionInEngine(TableKeys.Decode(row.RowKey))).Select(row => row.RowKey).ToHashSet(StringComparer.Ordinal);
        if (newer.Count == 0)
        {
            return 0;
        }

        var pending = new List<StoredArticle>();
        if (newer.Count * 2 > listed.Count)
        {
            await foreach (var stored in articles.QueryAsync<StoredArticle>(TableClient.CreateQueryFilter($"PartitionKey eq {ArticlePartition}"), cancellationToken: cancellationToken))
            {
                if (newer.Contains(stored.RowKey))
                {
                    pending.Add(stored);
                }
            }
        }
        else
        {
            foreach (var rowKey in newer)
            {
                if (await articles.FindAsync<StoredArticle>(ArticlePartition, rowKey, cancellationToken: cancellationToken) is { } stored)
                {
                    pending.Add(stored);
                }
            }
        }

        var loaded = 0;
        while (pending.Count > 0)
        {
            var failed = new List<(StoredArticle Stored, ArgumentException Error)>();
            foreach (var stored in pending)
            {
                try
                {
                    loaded += PutInEngine(stored.ToArticle(), stored.Version) ? 1 : 0;
                }
                catch (ArgumentException error)
                {
                    failed.Add((stored, error));
                }
            }

            if (failed.Count == pending.Count)
            {
                foreach (var (stored, error) in failed)
                {
                    logger.LogWarning("Stored article {ArticleId} was not loaded: {Problem}", stored.Id, error.Message);
                }

                break;
            }

            pending = [.. failed.Select(f => f.Stored)];
        }

        return loaded;
    }

    private int VersionInEngine(string id)
    {
        lock (_engineGate)
        {
            return _inEngine.GetValueOrDefault(id, -1);
        }
    }

    /// <summary>Puts the article into the engine unless it holds this version or a newer one already; whether it did.</summary>
    private bool PutInEngine(KnowledgeArticle article, int version)
    {
        lock (_engineGate)
        {
            if (_inEngine.GetValueOrDefault(article.Id, -1) >= version)
            {
                return false;
            }

            engine.Upsert(article);
            _inEngine[article.Id] = version;
            return true;
        }
    }
}
