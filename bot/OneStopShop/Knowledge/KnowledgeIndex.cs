using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// BM25F ranking of knowledge articles over title, tags, summary, body and the "asked as" phrasings, with per-field weights and
/// length normalisation, synonym concepts, British/American folding, stemming and one-typo tolerance.
/// Reads are lock-free over an immutable snapshot; <see cref="Upsert"/> and <see cref="Remove"/> build a
/// new snapshot and swap it in, so an edit is searchable as soon as the call returns.
/// </summary>
public sealed partial class KnowledgeIndex
{
    private const int MaxSlots = 32;

    /// <summary>Terms a vocabulary may gather from edits beyond twice its size at the last full build, before it is built afresh.</summary>
    private const int VocabularySlack = 1024;
    private const int TagsField = 1;

    [ThreadStatic]
    private static SearchScratch? t_scratch;

    private readonly Lock _writeLock = new();
    private readonly TextAnalyzer _analyzer;
    private readonly RankingOptions _ranking;
    private readonly AcronymTable _acronyms;
    private IndexSnapshot _snapshot;
    private int _termsAtLastBuild;

    public KnowledgeIndex(IEnumerable<KnowledgeArticle> articles, SynonymTable synonyms, RankingOptions? ranking = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        Synonyms = synonyms ?? throw new ArgumentNullException(nameof(synonyms));
        _analyzer = new TextAnalyzer(synonyms);
        _acronyms = AcronymTable.From(synonyms);
        _ranking = ranking ?? new RankingOptions();
        var list = articles.ToList();
        KnowledgeValidation.CheckSet(list);
        _snapshot = BuildAfresh(list);
        _termsAtLastBuild = _snapshot.Vocabulary.TermCount;
    }

    /// <summary>Index terms known now: those of the articles, and those edits have since replaced, until the next full build.</summary>
    internal int VocabularySize => Volatile.Read(ref _snapshot).Vocabulary.TermCount;

    internal TextAnalyzer Analyzer => _analyzer;

    /// <summary>True when the articles use <paramref name="word"/> (lower case), as written.</summary>
    internal bool KnowsWord(string word) => Volatile.Read(ref _snapshot).Vocabulary.ContainsSurface(word);

    /// <summary>The synonym groups the index was built with, for other indexes that search the same way.</summary>
    public SynonymTable Synonyms { get; }

    /// <summary>The ranking settings the index was built with.</summary>
    public RankingOptions Ranking => _ranking;

    public int Count => Volatile.Read(ref _snapshot).Docs.Length;

    /// <summary>The articles as of now (a stable copy: later edits do not change it).</summary>
    public IReadOnlyList<KnowledgeArticle> Articles => Volatile.Read(ref _snapshot).Articles;

    public KnowledgeArticle? Find(string id) =>
        Volatile.Read(ref _snapshot) is var snapshot && snapshot.SlotById.TryGetValue(id, out var slot) ? snapshot.Articles[slot] : null;

    /// <summary>Adds the article, or replaces the one with the same id. Its related ids must exist.</summary>
    public void Upsert(KnowledgeArticle article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var raw = AnalyseRaw(article);
        lock (_writeLock)
        {
            var current = _snapshot;
            KnowledgeValidation.CheckUpsert(article, id => current.SlotById.ContainsKey(id), current.Articles);
            var vocabulary = current.Vocabulary.With(raw.Terms, raw.Surfaces);
            var docs = current.Docs.ToList();
            var terms = raw.ToTerms(vocabulary);
            if (current.SlotById.TryGetValue(article.Id, out var slot))
            {
                docs[slot] = terms;
            }
            else
            {
                docs.Add(terms);
            }

            if (vocabulary.TermCount > (2 * _termsAtLastBuild) + VocabularySlack)
            {
                // Edits only ever add terms (a replaced article's old words stay known); past this, start from the articles as they are.
                var fresh = BuildAfresh([.. docs.Select(d => d.Article)]);
                _termsAtLastBuild = fresh.Vocabulary.TermCount;
                Volatile.Write(ref _snapshot, fresh);
                return;
            }

            Volatile.Write(ref _snapshot, IndexSnapshot.Build([.. docs], vocabulary, _ranking));
        }
    }

    /// <summary>Removes the article; false when there is none. Refuses while other articles link to it.</summary>
    public bool Remove(string id)
    {
        lock (_writeLock)
        {
            var current = _snapshot;
            if (!current.SlotById.ContainsKey(id))
            {
                return false;
            }

            var linking = current.Articles.Where(a => a.Related.Contains(id, StringComparer.Ordinal)).Select(a => a.Id).ToList();
            if (linking.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Article '{id}' is listed as related by {string.Join(", ", linking)}; remove those links first.");
            }

            var docs = current.Docs.Where(d => d.Article.Id != id).ToArray();
            Volatile.Write(ref _snapshot, IndexSnapshot.Build(docs, current.Vocabulary, _ranking));
            return true;
        }
    }

    private IndexSnapshot BuildAfresh(IReadOnlyList<KnowledgeArticle> articles)
    {
        var raw = articles.Select(AnalyseRaw).ToList();
        var vocabulary = Vocabulary.Empty.With(raw.SelectMany(r => r.Terms), raw.SelectMany(r => r.Surfaces));
        return IndexSnapshot.Build([.. raw.Select(r => r.ToTerms(vocabulary))], vocabulary, _ranking);
    }
}
