namespace LearningBot.OneStopShop.Knowledge;

/// <summary>An article's terms as strings, before they are given vocabulary ids.</summary>
internal sealed class RawArticleTerms(KnowledgeArticle article)
{
    public KnowledgeArticle Article { get; } = article;

    public Dictionary<string, int>[] Fields { get; } =
        [.. Enumerable.Range(0, IndexSnapshot.FieldCount).Select(_ => new Dictionary<string, int>(StringComparer.Ordinal))];

    public int[] Lengths { get; } = new int[IndexSnapshot.FieldCount];

    /// <summary>Folded word as written → its term, for typo correction.</summary>
    public Dictionary<string, string> SurfaceTerms { get; } = new(StringComparer.Ordinal);

    public IEnumerable<string> Terms => Fields.SelectMany(f => f.Keys);

    public IEnumerable<KeyValuePair<string, string>> Surfaces => SurfaceTerms;

    public ArticleTerms ToTerms(Vocabulary vocabulary)
    {
        var ids = new int[IndexSnapshot.FieldCount][];
        var frequencies = new int[IndexSnapshot.FieldCount][];
        for (var f = 0; f < IndexSnapshot.FieldCount; f++)
        {
            var pairs = Fields[f].Select(kv => (Id: TermId(vocabulary, kv.Key), Count: kv.Value)).OrderBy(p => p.Id).ToArray();
            ids[f] = [.. pairs.Select(p => p.Id)];
            frequencies[f] = [.. pairs.Select(p => p.Count)];
        }

        return new ArticleTerms(Article, ids, frequencies, (int[])Lengths.Clone());
    }

    private static int TermId(Vocabulary vocabulary, string term) =>
        vocabulary.TryGetTerm(term, out var id) ? id : throw new InvalidOperationException($"Term '{term}' is missing from the vocabulary.");
}
