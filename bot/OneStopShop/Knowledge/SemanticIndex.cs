using System.Numerics;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The articles' embeddings and the model that made them. Empty and not ready until a model is attached; an article
/// without an embedding yet (saved a moment ago) is ranked by its words alone. Reads are lock-free over an immutable
/// snapshot that each change replaces.
/// </summary>
public sealed class SemanticIndex
{
    private readonly Lock _writeLock = new();
    private ISentenceEmbedder? _embedder;
    private Snapshot _snapshot = Snapshot.Empty;

    /// <summary>The model, once loaded; null while answers are lexical only.</summary>
    public ISentenceEmbedder? Embedder => Volatile.Read(ref _embedder);

    public bool IsReady => Embedder is not null;

    public int Count => Current.Entries.Length;

    internal Snapshot Current => Volatile.Read(ref _snapshot);

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
            Set(batch.Select((article, i) => (article.Id, ArticleMeaning.HashOf(texts[i]), vectors[i])));
        }

        Attach(embedder);
    }

    /// <summary>True when the article's embedding is for this content (hash of <see cref="ArticleMeaning.TextOf"/>).</summary>
    public bool Has(string id, string contentHash)
    {
        var current = Current;
        return current.SlotById.TryGetValue(id, out var slot) && current.Entries[slot].ContentHash == contentHash;
    }

    public void Set(string id, string contentHash, float[] vector) => Set([(id, contentHash, vector)]);

    /// <summary>Adds or replaces several embeddings in one change.</summary>
    public void Set(IEnumerable<(string Id, string ContentHash, float[] Vector)> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        lock (_writeLock)
        {
            var entries = _snapshot.Entries.ToList();
            var slots = new Dictionary<string, int>(_snapshot.SlotById, StringComparer.Ordinal);
            foreach (var (id, hash, vector) in embeddings)
            {
                var entry = new Entry(id, hash, vector ?? throw new ArgumentException("An embedding needs its vector.", nameof(embeddings)));
                if (slots.TryGetValue(id, out var slot))
                {
                    entries[slot] = entry;
                }
                else
                {
                    slots[id] = entries.Count;
                    entries.Add(entry);
                }
            }

            Volatile.Write(ref _snapshot, new Snapshot([.. entries], slots));
        }
    }

    public void Forget(string id)
    {
        lock (_writeLock)
        {
            if (_snapshot.SlotById.ContainsKey(id))
            {
                var entries = _snapshot.Entries.Where(e => e.Id != id).ToArray();
                Volatile.Write(ref _snapshot, new Snapshot(entries, entries.Select((e, i) => (e.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal)));
            }
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

    internal sealed record Entry(string Id, string ContentHash, float[] Vector);

    internal sealed record Snapshot(Entry[] Entries, Dictionary<string, int> SlotById)
    {
        public static Snapshot Empty { get; } = new([], new Dictionary<string, int>(StringComparer.Ordinal));
    }
}
