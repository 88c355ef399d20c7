namespace LearningBot.OneStopShop.Knowledge;

/// <summary>An immutable, searchable state of the knowledge base.</summary>
internal sealed class IndexSnapshot
{
    public const int FieldCount = 5;
    public const byte TitleBit = 1;
    public const byte TagsBit = 2;

    private IndexSnapshot(ArticleTerms[] docs, Vocabulary vocabulary, Posting[][] postings, float[] idf, float maxIdf)
    {
        Docs = docs;
        Vocabulary = vocabulary;
        Postings = postings;
        Idf = idf;
        MaxIdf = maxIdf;
        Articles = [.. docs.Select(d => d.Article)];
        SlotById = new Dictionary<string, int>(docs.Length, StringComparer.Ordinal);
        for (var i = 0; i < docs.Length; i++)
        {
            SlotById[docs[i].Article.Id] = i;
        }
    }

    public ArticleTerms[] Docs { get; }

    public KnowledgeArticle[] Articles { get; }

    public Dictionary<string, int> SlotById { get; }

    public Vocabulary Vocabulary { get; }

    /// <summary>Per term id, the articles holding it, in article order.</summary>
    public Posting[][] Postings { get; }

    public float[] Idf { get; }

    /// <summary>The IDF a word in no article would have: the weight of a question word the index cannot match.</summary>
    public float MaxIdf { get; }

    public int DocumentFrequency(int term) => term < Postings.Length ? Postings[term].Length : 0;

    /// <summary>The field bits of <paramref name="term"/> in article <paramref name="doc"/>, 0 when absent.</summary>
    public byte FieldsOf(int term, int doc)
    {
        var postings = Postings[term];
        int low = 0, high = postings.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var found = postings[middle].Doc;
            if (found == doc)
            {
                return postings[middle].Fields;
            }

            if (found < doc)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return 0;
    }

    public static IndexSnapshot Build(ArticleTerms[] docs, Vocabulary vocabulary, RankingOptions ranking)
    {
        var weights = new[] { ranking.TitleWeight, ranking.TagsWeight, ranking.SummaryWeight, ranking.BodyWeight, ranking.AskedWeight };
        var lengthNormalisation = new[]
        {
            ranking.TitleLengthNormalisation, ranking.TagsLengthNormalisation,
            ranking.SummaryLengthNormalisation, ranking.BodyLengthNormalisation, ranking.AskedLengthNormalisation,
        };
        var averageLengths = new double[FieldCount];
        for (var f = 0; f < FieldCount; f++)
        {
            averageLengths[f] = docs.Length == 0 ? 1 : Math.Max(1, docs.Average(d => (double)d.Lengths[f]));
        }

        var termCount = vocabulary.TermCount;
        var counts = new int[termCount];
        foreach (var doc in docs)
        {
            CountDistinct(doc, counts);
        }

        var postings = new Posting[termCount][];
        for (var t = 0; t < termCount; t++)
        {
            postings[t] = counts[t] == 0 ? [] : new Posting[counts[t]];
        }

        var filled = new int[termCount];
        var accumulated = new float[termCount];
        var fieldBits = new byte[termCount];
        var touched = new List<int>();
        var norms = new double[FieldCount];
        for (var d = 0; d < docs.Length; d++)
        {
            var doc = docs[d];
            for (var f = 0; f < FieldCount; f++)
            {
                norms[f] = weights[f] / (1 - lengthNormalisation[f] + (lengthNormalisation[f] * doc.Lengths[f] / averageLengths[f]));
            }

            for (var f = 0; f < FieldCount; f++)
            {
                var ids = doc.TermIds[f];
                for (var k = 0; k < ids.Length; k++)
                {
                    var term = ids[k];
                    if (fieldBits[term] == 0)
                    {
                        touched.Add(term);
                    }

                    accumulated[term] += (float)(doc.Frequencies[f][k] * norms[f]);
                    fieldBits[term] |= (byte)(1 << f);
                }
            }

            foreach (var term in touched)
            {
                var tf = accumulated[term];
                postings[term][filled[term]++] = new Posting(d, (float)(tf * (ranking.K1 + 1) / (ranking.K1 + tf)), fieldBits[term]);
                accumulated[term] = 0;
                fieldBits[term] = 0;
            }

            touched.Clear();
        }

        var n = docs.Length;
        var idf = new float[termCount];
        for (var t = 0; t < termCount; t++)
        {
            var df = postings[t].Length;
            idf[t] = (float)Math.Log(1 + ((n - df + 0.5) / (df + 0.5)));
        }

        return new IndexSnapshot(docs, vocabulary, postings, idf, (float)Math.Log(1 + ((n + 0.5) / 0.5)));
    }

    private static void CountDistinct(ArticleTerms doc, int[] counts)
    {
        // Field term lists are sorted, so a term seen in an earlier field is found by binary search.
        for (var f = 0; f < FieldCount; f++)
        {
            foreach (var term in doc.TermIds[f])
            {
                var seenBefore = false;
                for (var g = 0; g < f && !seenBefore; g++)
                {
                    seenBefore = Array.BinarySearch(doc.TermIds[g], term) >= 0;
                }

                if (!seenBefore)
                {
                    counts[term]++;
                }
            }
        }
    }
}
