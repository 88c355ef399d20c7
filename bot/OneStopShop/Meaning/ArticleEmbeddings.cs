using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// Keeps the answer engine's article embeddings up to date, reading them from table storage where an article's text was
/// embedded before (by this or any earlier start) and embedding only the rest. Storage trouble costs time, not answers:
/// the articles are then embedded without the cache.
/// </summary>
public sealed class ArticleEmbeddings(EmbeddingCache cache, AnswerEngine engine)
{
    public const string TableName = EmbeddingCache.TableName;

    /// <summary>Articles embedded in one call of the model: larger batches pad more and gain little.</summary>
    private const int BatchSize = 16;

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

        var cached = await cache.ReadAsync(embedder.Model, cancellationToken);
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
                await cache.WriteAsync(embedder.Model, hashed, cancellationToken);
            }
        }

        engine.Semantic.Set(stale.Select(a => (a.Id, a.Hash, a.Texts.Select(text => vectors[ArticleMeaning.HashOf(text)]).ToArray(), a.Phrasings)));
        return missing.Count;
    }
}
