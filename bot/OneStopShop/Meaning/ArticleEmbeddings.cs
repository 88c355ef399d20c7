using Azure.Data.Tables;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// Keeps the answer engine's article embeddings up to date, reading them from table storage where an article's text was
/// embedded before (by this or any earlier start) and embedding only the rest. Storage trouble costs time, not answers:
/// the articles are then embedded without the cache.
/// </summary>
public sealed class ArticleEmbeddings(TableStorage tables, AnswerEngine engine, ILogger<ArticleEmbeddings> logger)
{
    public const string TableName = "ArticleEmbeddings";

    /// <summary>Articles embedded in one call of the model: larger batches pad more and gain little.</summary>
    private const int BatchSize = 16;

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>Brings the embeddings of <paramref name="articles"/> up to date; returns how many had to be embedded.</summary>
    public async Task<int> RefreshAsync(ISentenceEmbedder embedder, IReadOnlyList<KnowledgeArticle> articles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(articles);
        var stale = articles
            .Select(article => (article.Id, Text: ArticleMeaning.TextOf(article)))
            .Select(a => (a.Id, a.Text, Hash: ArticleMeaning.HashOf(a.Text)))
            .Where(a => !engine.Semantic.Has(a.Id, a.Hash))
            .ToList();
        if (stale.Count == 0)
        {
            return 0;
        }

        var cached = await CachedAsync(embedder.Model, cancellationToken);
        var fromCache = stale.Where(a => cached?.ContainsKey(a.Hash) == true).ToList();
        engine.Semantic.Set(fromCache.Select(a => (a.Id, a.Hash, cached![a.Hash])));
        var missing = stale.Except(fromCache).ToList();

        foreach (var batch in missing.Chunk(BatchSize))
        {
            var vectors = await Task.Run(() => embedder.EmbedArticles([.. batch.Select(b => b.Text)], cancellationToken), cancellationToken);
            engine.Semantic.Set(batch.Select((b, i) => (b.Id, b.Hash, vectors[i])));

            if (cached is not null)
            {
                await CacheAsync(embedder.Model, batch.Select((b, i) => (b.Hash, vectors[i])), cancellationToken);
            }
        }

        return missing.Count;
    }

    /// <summary>Every cached embedding of the model by content hash, or null when storage cannot be read now.</summary>
    private async Task<Dictionary<string, float[]>?> CachedAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            var rows = await table.ListAsync<ArticleEmbedding>(TableClient.CreateQueryFilter($"PartitionKey eq {model}"), cancellationToken: cancellationToken);
            return rows.ToDictionary(row => row.RowKey, row => row.ToVector(), StringComparer.Ordinal);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not read the cached article embeddings; embedding the articles without the cache");
            return null;
        }
    }

    private async Task CacheAsync(string model, IEnumerable<(string Hash, float[] Vector)> embeddings, CancellationToken cancellationToken)
    {
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            foreach (var (hash, vector) in embeddings)
            {
                await table.UpsertEntityAsync(ArticleEmbedding.Of(model, hash, vector), TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not cache article embeddings; they will be embedded again at the next start");
        }
    }
}
