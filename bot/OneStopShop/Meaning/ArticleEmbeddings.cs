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

    /// <summary>
    /// Brings the embeddings of <paramref name="articles"/> (head, passages and phrasings) up to date; returns how many texts had
    /// to be embedded.
    /// </summary>
    public async Task<int> RefreshAsync(ISentenceEmbedder embedder, IReadOnlyList<KnowledgeArticle> articles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(articles);
        var stale = articles
            .Select(article => (article.Id, Hash: ArticleMeaning.HashOf(article), Texts: ArticleMeaning.TextsOf(article), Phrasings: ArticleMeaning.PhrasingsOf(article).Count))
            .Where(a => !engine.Semantic.Has(a.Id, a.Hash))
            .ToList();
        if (stale.Count == 0)
        {
            return 0;
        }

        var cached = await CachedAsync(embedder.Model, cancellationToken);
        var vectors = cached is null ? new Dictionary<string, float[]>(StringComparer.Ordinal) : new Dictionary<string, float[]>(cached, StringComparer.Ordinal);
        var missing = stale.SelectMany(a => a.Texts).DistinctBy(ArticleMeaning.HashOf).Where(text => !vectors.ContainsKey(ArticleMeaning.HashOf(text))).ToList();
        foreach (var batch in missing.Chunk(BatchSize))
        {
            var embedded = await Task.Run(() => embedder.EmbedArticles(batch, cancellationToken), cancellationToken);
            var hashed = batch.Select((text, i) => (Hash: ArticleMeaning.HashOf(text), Vector: embedded[i])).ToList();
            foreach (var (hash, vector) in hashed)
            {
                vectors[hash] = vector;
            }

            if (cached is not null)
            {
                await CacheAsync(embedder.Model, hashed, cancellationToken);
            }
        }

        engine.Semantic.Set(stale.Select(a => (a.Id, a.Hash, a.Texts.Select(text => vectors[ArticleMeaning.HashOf(text)]).ToArray(), a.Phrasings)));
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
