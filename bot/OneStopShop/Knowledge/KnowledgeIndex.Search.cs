using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.OneStopShop.Knowledge;

public sealed partial class KnowledgeIndex
{
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
}
