using System.Numerics;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The articles' embeddings and the model that made them. Empty and not ready until a model is attached; an article
/// without an embedding yet (saved a moment ago) is ranked by its words alone. Reads are lock-free over an immutable
/// array that each change replaces.
/// </summary>
public sealed class SemanticIndex
{
    private readonly Lock _writeLock = new();
    private ISentenceEmbedder? _embedder;
    private Entry[] _entries = [];

    /// <summary>The model, once loaded; null while answers are lexical only.</summary>
    public ISentenceEmbedder? Embedder => Volatile.Read(ref _embedder);

    public bool IsReady => Embedder is not null;

    public int Count => Volatile.Read(ref _entries).Length;

    /// <summary>Answers use the model from now on.</summary>
    public void Attach(ISentenceEmbedder embedder) => Volatile.Write(ref _embedder, embedder ?? throw new ArgumentNullException(nameof(embedder)));

    /// <summary>Embeds every article now (no cache) and attaches the model: for tools and tests that need no storage.</summary>
    public void EmbedAll(ISentenceEmbedder embedder, IEnumerable<KnowledgeArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(articles);
        foreach (var batch in articles.Chunk(16))
        {
            var texts = batch.Select(ArticleMeaning.TextOf).ToList();
            var vectors = embedder.EmbedArticles(texts);
            for (var i = 0; i < batch.Length; i++)
            {
                Set(batch[i].Id, ArticleMeaning.HashOf(texts[i]), vectors[i]);
            }
        }

        Attach(embedder);
    }

    /// <summary>True when the article's embedding is for this content (hash of <see cref="ArticleMeaning.TextOf"/>).</summary>
    public bool Has(string id, string contentHash) =>
        Array.Find(Volatile.Read(ref _entries), e => e.Id == id) is { } entry && entry.ContentHash == contentHash;

    public void Set(string id, string contentHash, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        lock (_writeLock)
        {
            var entry = new Entry(id, contentHash, vector);
            var current = _entries;
            var slot = Array.FindIndex(current, e => e.Id == id);
            var next = slot >= 0 ? (Entry[])current.Clone() : [.. current, entry];
            if (slot >= 0)
            {
                next[slot] = entry;
            }

            Volatile.Write(ref _entries, next);
        }
    }

    public void Forget(string id)
    {
        lock (_writeLock)
        {
            Volatile.Write(ref _entries, [.. _entries.Where(e => e.Id != id)]);
        }
    }

    /// <summary>The embedded articles with their cosine similarity to <paramref name="question"/> (a unit vector).</summary>
    internal IEnumerable<(string Id, float Similarity)> Similarities(float[] question)
    {
        foreach (var entry in Volatile.Read(ref _entries))
        {
            yield return (entry.Id, Dot(question, entry.Vector));
        }
    }

    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var length = Math.Min(a.Length, b.Length);
        var sum = Vector<float>.Zero;
        var i = 0;
        for (; i <= length - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var total = Vector.Sum(sum);
        for (; i < length; i++)
        {
            total += a[i] * b[i];
        }

        return total;
    }

    private sealed record Entry(string Id, string ContentHash, float[] Vector);
}
