using System.Numerics;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The articles' embeddings (each article's head and its passages, see <see cref="ArticleMeaning"/>) and the model that
/// made them. Empty and not ready until a model is attached; an article
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
            var texts = batch.Select(ArticleMeaning.TextsOf).ToList();
            var vectors = embedder.EmbedArticles([.. texts.SelectMany(t => t)]);
            var offset = 0;
            Set(batch.Select((article, i) =>
            {
                var own = vectors[offset..(offset += texts[i].Count)];
                return (article.Id, ArticleMeaning.HashOf(article), own);
            }));
        }

        Attach(embedder);
    }

    /// <summary>True when the article's embeddings are for this content (<see cref="ArticleMeaning.HashOf(KnowledgeArticle)"/>).</summary>
    public bool Has(string id, string contentHash)
    {
        var current = Current;
        return current.SlotById.TryGetValue(id, out var slot) && current.Entries[slot].ContentHash == contentHash;
    }

    public void Set(string id, string contentHash, float[] vector) => Set([(id, contentHash, new[] { vector })]);

    /// <summary>Adds or replaces several articles' head embeddings (no passages) in one change.</summary>
    public void Set(IEnumerable<(string Id, string ContentHash, float[] Vector)> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        Set(embeddings.Select(e => (e.Id, e.ContentHash, new[] { e.Vector })));
    }

    /// <summary>Adds or replaces several articles' embeddings in one change: per article, the head's vector, then its passages'.</summary>
    public void Set(IEnumerable<(string Id, string ContentHash, float[][] Vectors)> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        lock (_writeLock)
        {
            var entries = _snapshot.Entries.ToList();
            var slots = new Dictionary<string, int>(_snapshot.SlotById, StringComparer.Ordinal);
            foreach (var (id, hash, vectors) in embeddings)
            {
                var entry = Entry.Of(id, hash, vectors is { Length: > 0 } ? vectors : throw new ArgumentException("An embedding needs its vector.", nameof(embeddings)));
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

    /// <summary>
    /// How close the question is to the article: the head's similarity, raised by <paramref name="passageShare"/> of the
    /// amount by which the closest passage beats it (1: the best of head and passages; 0: the head alone).
    /// </summary>
    internal static float Similarity(ReadOnlySpan<float> question, Entry entry, float passageShare) =>
        Lifted(question, entry, Dot(question, entry.Vector), passageShare);

    /// <summary><see cref="Similarity"/> given the head's similarity <paramref name="head"/>, already computed.</summary>
    internal static float Lifted(ReadOnlySpan<float> question, Entry entry, float head, float passageShare)
    {
        if (passageShare <= 0 || entry.PassageCount == 0)
        {
            return head;
        }

        var best = float.MinValue;
        var length = entry.Vector.Length;
        for (var offset = 0; offset < entry.Passages.Length; offset += length)
        {
            best = Math.Max(best, Dot(question, entry.Passages.AsSpan(offset, length)));
        }

        return best > head ? head + (passageShare * (best - head)) : head;
    }

    /// <summary>An article's embeddings: its head's vector, and its passages' vectors end to end in one array.</summary>
    internal sealed record Entry(string Id, string ContentHash, float[] Vector, float[] Passages)
    {
        public int PassageCount => Vector.Length == 0 ? 0 : Passages.Length / Vector.Length;

        public static Entry Of(string id, string contentHash, float[][] vectors)
        {
            var passages = new float[vectors.Skip(1).Sum(v => v.Length)];
            var offset = 0;
            foreach (var passage in vectors.Skip(1))
            {
                if (passage.Length != vectors[0].Length)
                {
                    throw new ArgumentException("Every vector of an article needs the same length.", nameof(vectors));
                }

                passage.CopyTo(passages, offset);
                offset += passage.Length;
            }

            return new Entry(id, contentHash, vectors[0], passages);
        }
    }

    internal sealed record Snapshot(Entry[] Entries, Dictionary<string, int> SlotById)
    {
        public static Snapshot Empty { get; } = new([], new Dictionary<string, int>(StringComparer.Ordinal));
    }
}
