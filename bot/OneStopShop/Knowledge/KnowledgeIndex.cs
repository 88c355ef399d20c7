using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// BM25F ranking of knowledge articles over title, tags, summary, body and the "asked as" phrasings, with per-field weights and
/// length normalisation, synonym concepts, British/American folding, stemming and one-typo tolerance.
/// Reads are lock-free over an immutable snapshot; <see cref="Upsert"/> and <see cref="Remove"/> build a
/// new snapshot and swap it in, so an edit is searchable as soon as the call returns.
/// </summary>
public sealed class KnowledgeIndex
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
    private IndexSnapshot _snapshot;
    private int _termsAtLastBuild;

    public KnowledgeIndex(IEnumerable<KnowledgeArticle> articles, SynonymTable synonyms, RankingOptions? ranking = null)
    {
        ArgumentNullException.ThrowIfNull(articles);
        Synonyms = synonyms ?? throw new ArgumentNullException(nameof(synonyms));
        _analyzer = new TextAnalyzer(synonyms);
        _ranking = ranking ?? new RankingOptions();
        var list = articles.ToList();
        KnowledgeValidation.CheckSet(list);
        _snapshot = BuildAfresh(list);
        _termsAtLastBuild = _snapshot.Vocabulary.TermCount;
    }

    /// <summary>Index terms known now: those of the articles, and those edits have since replaced, until the next full build.</summary>
    internal int VocabularySize => Volatile.Read(ref _snapshot).Vocabulary.TermCount;

    internal TextAnalyzer Analyzer => _analyzer;

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

    /// <summary>Ranks the articles for <paramref name="question"/> and says how sure it is of the first.</summary>
    public KnowledgeSearchResult Search(string question, int maxHits = 3)
    {
        ArgumentNullException.ThrowIfNull(question);
        var snapshot = Volatile.Read(ref _snapshot);
        var scratch = t_scratch ??= new SearchScratch();
        scratch.Prepare(snapshot.Docs.Length, Math.Max(maxHits, 2));
        _analyzer.Analyse(question, scratch.Text);
        scratch.EnsureTokens(scratch.Text.Count);
        PlanQuery(snapshot, scratch);
        if (scratch.TermCount == 0)
        {
            return KnowledgeSearchResult.None;
        }

        Score(snapshot, scratch);
        if (scratch.TopCount == 0)
        {
            return KnowledgeSearchResult.None;
        }

        return Explain(question, snapshot, scratch, maxHits);
    }

    private void PlanQuery(IndexSnapshot snapshot, SearchScratch s)
    {
        var text = s.Text;
        for (var i = 0; i < text.Count; i++)
        {
            s.SlotOfToken[i] = -1;
            if (text[i].IsStop || s.SlotCount == MaxSlots)
            {
                continue;
            }

            var slot = s.SlotCount++;
            s.SlotOfToken[i] = slot;
            s.SlotToken[slot] = i;
            s.SlotIdf[slot] = (float)(snapshot.MaxIdf * _ranking.UnknownWordWeight * (StopWords.IsWeak(text.Surface(i)) ? 0.3 : 1.0));
            s.SlotResolved[slot] = SlotMatch.Unknown;
            var bit = 1u << slot;
            if (snapshot.Vocabulary.TryGetTerm(text.Term(i), out var id) && snapshot.DocumentFrequency(id) > 0)
            {
                s.AddTerm(id, 1.0f, bit);
                s.SlotIdf[slot] = snapshot.Idf[id];
                s.SlotResolved[slot] = SlotMatch.Literal;
            }
            else if (IsTypoCandidate(text.Surface(i)) && snapshot.Vocabulary.CorrectTypo(text.Surface(i), snapshot.Postings) is var corrected and >= 0)
            {
                s.AddTerm(corrected, (float)_ranking.TypoWeight, bit);
                s.SlotIdf[slot] = snapshot.Idf[corrected];
                s.SlotResolved[slot] = SlotMatch.Typo;
            }
        }

        for (var p = 0; p < text.PhraseCount; p++)
        {
            var phrase = text.Phrase(p);
            if (!snapshot.Vocabulary.TryGetTerm(_analyzer.ConceptTerm(phrase.Group), out var concept) || snapshot.DocumentFrequency(concept) == 0)
            {
                continue;
            }

            var mask = 0u;
            for (var t = phrase.FirstToken; t < phrase.FirstToken + phrase.TokenCount; t++)
            {
                if (s.SlotOfToken[t] is var slot and >= 0)
                {
                    mask |= 1u << slot;
                    if (s.SlotResolved[slot] == SlotMatch.Unknown)
                    {
                        s.SlotIdf[slot] = snapshot.Idf[concept];
                        s.SlotResolved[slot] = SlotMatch.Synonym;
                    }
                }
            }

            if (mask != 0)
            {
                s.AddTerm(concept, (float)_ranking.SynonymWeight, mask);
            }
        }

        if (_ranking.PairWeight > 0)
        {
            foreach (var (first, second) in WordPairs(text))
            {
                if (s.SlotOfToken[first] is var a and >= 0 && s.SlotOfToken[second] is var b and >= 0
                    && snapshot.Vocabulary.TryGetTerm(PairTerm(text.Term(first), text.Term(second)), out var pair)
                    && snapshot.DocumentFrequency(pair) > 0)
                {
                    s.AddTerm(pair, (float)_ranking.PairWeight, (1u << a) | (1u << b));
                }
            }
        }
    }

    private bool IsTypoCandidate(ReadOnlySpan<char> surface)
    {
        if (surface.Length < _ranking.TypoMinimumLength)
        {
            return false;
        }

        foreach (var c in surface)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static void Score(IndexSnapshot snapshot, SearchScratch s)
    {
        var scores = s.Scores;
        for (var q = 0; q < s.TermCount; q++)
        {
            var term = s.Terms[q];
            var weight = term.Weight * snapshot.Idf[term.Id];
            foreach (var posting in snapshot.Postings[term.Id])
            {
                if (scores[posting.Doc] == 0)
                {
                    s.Touched[s.TouchedCount++] = posting.Doc;
                }

                scores[posting.Doc] += weight * posting.Weight;
            }
        }

        for (var i = 0; i < s.TouchedCount; i++)
        {
            var doc = s.Touched[i];
            s.OfferTop(doc, scores[doc]);
            scores[doc] = 0;
        }

        s.TouchedCount = 0;
    }

    private static KnowledgeSearchResult Explain(string question, IndexSnapshot snapshot, SearchScratch s, int maxHits)
    {
        var best = s.TopDocs[0];
        Span<float> covered = stackalloc float[MaxSlots];
        Span<bool> inTitleOrTags = stackalloc bool[MaxSlots];
        for (var q = 0; q < s.TermCount; q++)
        {
            var term = s.Terms[q];
            var fields = snapshot.FieldsOf(term.Id, best);
            if (fields == 0)
            {
                continue;
            }

            for (var slot = 0; slot < s.SlotCount; slot++)
            {
                if ((term.Slots & (1u << slot)) == 0)
                {
                    continue;
                }

                var credit = s.SlotResolved[slot] == SlotMatch.Typo ? 0.85f : 1f;
                covered[slot] = Math.Max(covered[slot], credit);
                inTitleOrTags[slot] |= (fields & (IndexSnapshot.TitleBit | IndexSnapshot.TagsBit)) != 0;
            }
        }

        double total = 0, coveredIdf = 0, fieldIdf = 0;
        var matched = new List<string>();
        for (var slot = 0; slot < s.SlotCount; slot++)
        {
            var idf = s.SlotIdf[slot];
            total += idf;
            coveredIdf += idf * covered[slot];
            fieldIdf += inTitleOrTags[slot] ? idf * covered[slot] : 0;
            if (covered[slot] > 0)
            {
                ref var token = ref s.Text[s.SlotToken[slot]];
                matched.Add(question.Substring(token.SourceStart, token.SourceLength));
            }
        }

        var coverage = total > 0 ? coveredIdf / total : 0;
        var fieldMatch = total > 0 ? fieldIdf / total : 0;
        var margin = s.TopCount > 1 ? (s.TopScores[0] - s.TopScores[1]) / s.TopScores[0] : 1.0;
        var evidence = coveredIdf / snapshot.MaxIdf;
        var titleEvidence = fieldIdf / snapshot.MaxIdf;

        // Weights fitted on questions.json and checked on held-out questions written separately: rare words of the
        // question found in the title or tags are the strongest sign of a right answer, coverage of the whole
        // question counts as much (people describe their situation in the body's words), and a clear lead over
        // the runner-up adds a little.
        var confidence = (0.3 * coverage) + (0.3 * Math.Min(1, titleEvidence)) + (0.1 * Math.Min(1.5, evidence) / 1.5)
            + (0.2 * fieldMatch) + (0.1 * margin);

        var hits = new ArticleHit[Math.Min(maxHits, s.TopCount)];
        for (var i = 0; i < hits.Length; i++)
        {
            hits[i] = new ArticleHit(snapshot.Articles[s.TopDocs[i]], s.TopScores[i]);
        }

        return new KnowledgeSearchResult(hits, Math.Clamp(confidence, 0, 1), coverage, margin, fieldMatch, matched)
        {
            Evidence = evidence,
            TitleEvidence = titleEvidence,
        };
    }

    private RawArticleTerms AnalyseRaw(KnowledgeArticle article)
    {
        var text = new AnalysedText();
        var fields = new[]
        {
            article.Title,
            string.Join(", ", article.Tags),
            article.Summary,
            MarkdownText.ToPlainText(article.Body),

            // Left out at weight 0, so that setting restores the ranking from before phrasings exactly.
            _ranking.AskedWeight > 0 ? string.Join(". ", article.Asked) : string.Empty,
        };
        var raw = new RawArticleTerms(article);
        for (var f = 0; f < fields.Length; f++)
        {
            _analyzer.Analyse(fields[f], text);
            var counts = raw.Fields[f];
            for (var i = 0; i < text.Count; i++)
            {
                if (text[i].IsStop)
                {
                    continue;
                }

                var term = text.Term(i).ToString();
                counts[term] = counts.GetValueOrDefault(term) + 1;
                raw.Lengths[f]++;
                raw.SurfaceTerms[text.Surface(i).ToString()] = term;
            }

            for (var p = 0; p < text.PhraseCount; p++)
            {
                var concept = _analyzer.ConceptTerm(text.Phrase(p).Group);
                counts[concept] = counts.GetValueOrDefault(concept) + 1;
            }

            if (f <= TagsField)
            {
                foreach (var (first, second) in WordPairs(text))
                {
                    var pair = PairTerm(text.Term(first), text.Term(second));
                    counts[pair] = counts.GetValueOrDefault(pair) + 1;
                }
            }
        }

        return raw;
    }

    /// <summary>
    /// Neighbouring meaningful words (stop words between them skipped, never across punctuation): "first time
    /// manager", "one stop shop". Indexed for the title and tags only, so a question that uses an article's own
    /// phrase ranks it above articles that merely hold the same words apart.
    /// </summary>
    private static IEnumerable<(int First, int Second)> WordPairs(AnalysedText text)
    {
        var previous = -1;
        for (var i = 0; i < text.Count; i++)
        {
            if (text[i].BreakBefore)
            {
                previous = -1;
            }

            if (text[i].IsStop)
            {
                continue;
            }

            if (previous >= 0)
            {
                yield return (previous, i);
            }

            previous = i;
        }
    }

    private static string PairTerm(ReadOnlySpan<char> first, ReadOnlySpan<char> second) => string.Concat(first, " ", second);

    private enum SlotMatch : byte
    {
        Unknown,
        Literal,
        Typo,
        Synonym,
    }

    private struct QueryTerm
    {
        public int Id;
        public float Weight;
        public uint Slots;
    }

    /// <summary>Per-thread buffers for one search, reused so the answer path barely allocates.</summary>
    private sealed class SearchScratch
    {
        public AnalysedText Text { get; } = new();

        public float[] Scores { get; private set; } = [];

        public int[] Touched { get; private set; } = [];

        public int TouchedCount { get; set; }

        public QueryTerm[] Terms { get; private set; } = new QueryTerm[16];

        public int TermCount { get; private set; }

        public int[] SlotOfToken { get; private set; } = new int[64];

        public int[] SlotToken { get; } = new int[MaxSlots];

        public float[] SlotIdf { get; } = new float[MaxSlots];

        public SlotMatch[] SlotResolved { get; } = new SlotMatch[MaxSlots];

        public int SlotCount { get; set; }

        public int[] TopDocs { get; private set; } = new int[4];

        public double[] TopScores { get; private set; } = new double[4];

        public int TopCount { get; private set; }

        private int _topCapacity;

        public void Prepare(int documentCount, int top)
        {
            if (Scores.Length < documentCount)
            {
                Scores = new float[documentCount];
                Touched = new int[documentCount];
            }

            if (TopDocs.Length < top)
            {
                TopDocs = new int[top];
                TopScores = new double[top];
            }

            _topCapacity = top;
            TopCount = 0;
            TermCount = 0;
            SlotCount = 0;
            TouchedCount = 0;
        }

        public void EnsureTokens(int count)
        {
            if (SlotOfToken.Length < count)
            {
                SlotOfToken = new int[Math.Max(count, SlotOfToken.Length * 2)];
            }
        }

        public void AddTerm(int id, float weight, uint slots)
        {
            for (var i = 0; i < TermCount; i++)
            {
                if (Terms[i].Id == id)
                {
                    Terms[i].Weight = Math.Max(Terms[i].Weight, weight);
                    Terms[i].Slots |= slots;
                    return;
                }
            }

            if (TermCount == Terms.Length)
            {
                var grown = Terms;
                Array.Resize(ref grown, Terms.Length * 2);
                Terms = grown;
            }

            Terms[TermCount++] = new QueryTerm { Id = id, Weight = weight, Slots = slots };
        }

        /// <summary>Keeps the best scores in descending order; ties keep the earlier article.</summary>
        public void OfferTop(int doc, double score)
        {
            var position = TopCount;
            while (position > 0 && (TopScores[position - 1] < score || (TopScores[position - 1] == score && TopDocs[position - 1] > doc)))
            {
                position--;
            }

            if (position >= _topCapacity)
            {
                return;
            }

            var last = Math.Min(TopCount, _topCapacity - 1);
            for (var i = last; i > position; i--)
            {
                TopDocs[i] = TopDocs[i - 1];
                TopScores[i] = TopScores[i - 1];
            }

            TopDocs[position] = doc;
            TopScores[position] = score;
            TopCount = Math.Min(TopCount + 1, _topCapacity);
        }
    }
}
