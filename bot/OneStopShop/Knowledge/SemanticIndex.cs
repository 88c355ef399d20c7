using System.Numerics;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The articles' embeddings (each article's head, its passages and its phrasings, see <see cref="ArticleMeaning"/>) and the model that
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
                return (article.Id, ArticleMeaning.HashOf(article), own, ArticleMeaning.PhrasingsOf(article).Count);
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
        Set(embeddings.Select(e => (e.Id, e.ContentHash, e.Vectors, 0)));
    }

    /// <summary>
    /// Adds or replaces several articles' embeddings in one change: per article, the head's vector, its passages', then
    /// its <c>Phrasings</c> phrasings' (the last vectors).
    /// </summary>
    public void Set(IEnumerable<(string Id, string ContentHash, float[][] Vectors, int Phrasings)> embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        lock (_writeLock)
        {
            var entries = _snapshot.Entries.ToList();
            var slots = new Dictionary<string, int>(_snapshot.SlotById, StringComparer.Ordinal);
            foreach (var (id, hash, vectors, phrasings) in embeddings)
            {
                var entry = Entry.Of(id, hash, vectors is { Length: > 0 } ? vectors : throw new ArgumentException("An embedding needs its vector.", nameof(embeddings)), phrasings);
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
    /// amount by which the closest passage beats it (1: the best of head and passages; 0: the head alone), then by
    /// <paramref name="phrasingShare"/> of the amount by which the closest phrasing beats that.
    /// </summary>
    internal static float Similarity(ReadOnlySpan<float> question, Entry entry, float passageShare, float phrasingShare = 0) =>
        Lifted(question, entry, Dot(question, entry.Vector), passageShare, phrasingShare);

    /// <summary><see cref="Similarity"/> given the head's similarity <paramref name="head"/>, already computed.</summary>
    internal static float Lifted(ReadOnlySpan<float> question, Entry entry, float head, float passageShare, float phrasingShare = 0)
    {
        var length = entry.Vector.Length;
        var lifted = passageShare > 0 ? Raised(head, Closest(question, entry.Passages, length), passageShare) : head;
        return phrasingShare > 0 ? Raised(lifted, Closest(question, entry.Phrasings, length), phrasingShare) : lifted;
    }

    /// <summary>The question's similarity to the entry's head, closest passage and closest phrasing (0 for none).</summary>
    internal static (float Head, float Passage, float Phrasing) Parts(ReadOnlySpan<float> question, Entry entry)
    {
        var length = entry.Vector.Length;
        var passage = Closest(question, entry.Passages, length);
        var phrasing = Closest(question, entry.Phrasings, length);
        return (Dot(question, entry.Vector), passage == float.MinValue ? 0 : passage, phrasing == float.MinValue ? 0 : phrasing);
    }

    private static float Raised(float similarity, float closest, float share) =>
        closest > similarity ? similarity + (share * (closest - similarity)) : similarity;

    /// <summary>The highest similarity to any of <paramref name="vectors"/> (end to end); the lowest float when there are none.</summary>
    private static float Closest(ReadOnlySpan<float> question, float[] vectors, int length)
    {
        var best = float.MinValue;
        for (var offset = 0; offset + length <= vectors.Length && length > 0; offset += length)
        {
            best = Math.Max(best, Dot(question, vectors.AsSpan(offset, length)));
        }

        return best;
    }

    /// <summary>An article's embeddings: its head's vector, its passages' and its phrasings' vectors each end to end in one array.</summary>
    internal sealed record Entry(string Id, string ContentHash, float[] Vector, float[] Passages, float[] Phrasings)
    {
        public int PassageCount => Vector.Length == 0 ? 0 : Passages.Length / Vector.Length;

        public int PhrasingCount => Vector.Length == 0 ? 0 : Phrasings.Length / Vector.Length;

        /// <summary>The head's vector first, the last <paramref name="phrasings"/> vectors the phrasings', the passages' between.</summary>
        public static Entry Of(string id, string contentHash, float[][] vectors, int phrasings = 0)
        {
            if (phrasings < 0 || phrasings >= vectors.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(phrasings), "An article's phrasings are some of its vectors after the head.");
            }

            if (vectors.Any(v => v.Length != vectors[0].Length))
            {
                throw new ArgumentException("Every vector of an article needs the same length.", nameof(vectors));
            }

            return new Entry(id, contentHash, vectors[0], EndToEnd(vectors[1..^phrasings]), EndToEnd(vectors[^phrasings..]));
        }

        private static float[] EndToEnd(float[][] vectors)
        {
            var joined = new float[vectors.Sum(v => v.Length)];
            var offset = 0;
            foreach (var vector in vectors)
            {
                vector.CopyTo(joined, offset);
                offset += vector.Length;
            }

            return joined;
        }
    }

    internal sealed record Snapshot(Entry[] Entries, Dictionary<string, int> SlotById)
    {
        public static Snapshot Empty { get; } = new([], new Dictionary<string, int>(StringComparer.Ordinal));
    }
}
