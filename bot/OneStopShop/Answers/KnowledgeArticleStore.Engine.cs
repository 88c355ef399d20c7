using System.Text.Json;
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
    /// The version of each stored article this instance could not take (a link to an article it lacks, a value it cannot
    /// read): warned of once, and read again only when a newer version is saved or another article comes in.
    /// </summary>
    private readonly Dictionary<string, int> _refused = new(StringComparer.Ordinal);

    /// <summary>
    /// Puts into the engine every stored article newer than the version it holds (all of them the first time), and
    /// returns how many. One small query lists the versions; only the articles that changed are read in full. Links
    /// between the articles taken are resolved whatever their order. An article that cannot be taken is warned of once
    /// per version and does not make every later refresh read it again.
    /// </summary>
    public async Task<int> LoadIntoEngineAsync(CancellationToken cancellationToken)
    {
        var articles = await _articles.GetAsync(cancellationToken);
        var listed = await articles.ListAsync<StoredArticle>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ArticlePartition}"), select: [nameof(StoredArticle.RowKey), nameof(StoredArticle.Version)], cancellationToken: cancellationToken);
        var due = listed.Where(row => row.Version > VersionInEngine(TableKeys.Decode(row.RowKey))).ToList();
        if (!due.Any(row => !WasRefused(TableKeys.Decode(row.RowKey), row.Version)))
        {
            return 0;
        }

        // Something new came in, so an article refused for a link it lacked may be taken now: it is tried again too.
        var newer = due.Select(row => row.RowKey).ToHashSet(StringComparer.Ordinal);
        var read = new List<StoredArticle>();
        if (newer.Count * 2 > listed.Count)
        {
            await foreach (var stored in articles.QueryAsync<StoredArticle>(TableClient.CreateQueryFilter($"PartitionKey eq {ArticlePartition}"), cancellationToken: cancellationToken))
            {
                if (newer.Contains(stored.RowKey))
                {
                    read.Add(stored);
                }
            }
        }
        else
        {
            foreach (var rowKey in newer)
            {
                if (await articles.FindAsync<StoredArticle>(ArticlePartition, rowKey, cancellationToken: cancellationToken) is { } stored)
                {
                    read.Add(stored);
                }
            }
        }

        var pending = new List<(StoredArticle Stored, KnowledgeArticle Article)>();
        foreach (var stored in read)
        {
            try
            {
                pending.Add((stored, stored.ToArticle()));
            }
            catch (Exception unreadable) when (unreadable is FormatException or JsonException)
            {
                Refuse(stored, unreadable.Message);
            }
        }

        var loaded = 0;
        while (pending.Count > 0)
        {
            var failed = new List<(StoredArticle Stored, KnowledgeArticle Article, ArgumentException Error)>();
            foreach (var (stored, article) in pending)
            {
                try
                {
                    loaded += PutInEngine(article, stored.Version) ? 1 : 0;
                }
                catch (ArgumentException error)
                {
                    failed.Add((stored, article, error));
                }
            }

            if (failed.Count == pending.Count)
            {
                foreach (var (stored, _, error) in failed)
                {
                    Refuse(stored, error.Message);
                }

                break;
            }

            pending = [.. failed.Select(f => (f.Stored, f.Article))];
        }

        return loaded;
    }

    private bool WasRefused(string id, int version)
    {
        lock (_engineGate)
        {
            return _refused.TryGetValue(id, out var refused) && refused >= version;
        }
    }

    /// <summary>Notes that this version of the stored article was not taken, warning of it the first time.</summary>
    private void Refuse(StoredArticle stored, string problem)
    {
        var id = TableKeys.Decode(stored.RowKey);
        lock (_engineGate)
        {
            if (_refused.TryGetValue(id, out var refused) && refused >= stored.Version)
            {
                return;
            }

            _refused[id] = stored.Version;
        }

        logger.LogWarning("Stored article {ArticleId} was not loaded: {Problem}", id, problem);
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
