using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The one-stop shop's answering: a who-question goes to the directory, anything else to the knowledge
/// articles, and an answer is only given when its confidence clears the configured threshold — otherwise
/// the result is <see cref="AnswerKind.NotSure"/> so the question can be escalated to a person. Once an embedding
/// model is attached to <see cref="Semantic"/>, articles are ranked by a blend of their words (BM25F) and their
/// meaning; until then, and for any article not embedded yet, by words alone.
/// </summary>
public sealed class AnswerEngine
{
    [ThreadStatic]
    private static BlendScratch? t_blend;

    private readonly AnswerOptions _options;
    private readonly Regex? _outOfScope;

    public AnswerEngine(KnowledgeIndex knowledge, DirectoryIndex directory, IOptions<AnswerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Knowledge = knowledge ?? throw new ArgumentNullException(nameof(knowledge));
        Directory = directory ?? throw new ArgumentNullException(nameof(directory));
        _options = options.Value;
        _outOfScope = string.IsNullOrWhiteSpace(_options.OutOfScopePattern)
            ? null
            : new Regex(_options.OutOfScopePattern, AnswerOptions.OutOfScopeRegexOptions);
    }

    public KnowledgeIndex Knowledge { get; }

    public DirectoryIndex Directory { get; }

    public AnswerOptions Options => _options;

    /// <summary>The articles' embeddings; not ready (answers by words alone) until a model is attached.</summary>
    public SemanticIndex Semantic { get; } = new();

    /// <summary>Raised after an article is added or replaced, so its embedding can be brought up to date.</summary>
    public event Action<KnowledgeArticle>? ArticleChanged;

    /// <summary>Loads a knowledge folder (see <see cref="KnowledgeLoader"/>) into a ready engine.</summary>
    public static AnswerEngine Load(string folder, AnswerOptions? options = null)
    {
        options ??= new AnswerOptions();
        return FromKnowledgeBase(KnowledgeLoader.Load(folder), options);
    }

    public static AnswerEngine FromKnowledgeBase(KnowledgeBase knowledgeBase, AnswerOptions options)
    {
        ArgumentNullException.ThrowIfNull(knowledgeBase);
        var index = new KnowledgeIndex(knowledgeBase.Articles, knowledgeBase.Synonyms, options.Ranking);
        var directory = new DirectoryIndex(knowledgeBase.WhosWho, index.Analyzer);
        return new AnswerEngine(index, directory, Microsoft.Extensions.Options.Options.Create(options));
    }

    /// <summary>Answers <paramref name="question"/>; <paramref name="context"/> says who is asking, when known.</summary>
    public AnswerResult Answer(string question, AnswerContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        var embedder = Semantic.Count > 0 ? Semantic.Embedder : null;
        var depth = embedder is null ? _options.SuggestionCount : Math.Max(_options.SuggestionCount, _options.Hybrid.LexicalCandidates);
        var search = Knowledge.Search(question, depth);
        var personQuestion = DirectoryIndex.IsPersonQuestion(question);
        IReadOnlyList<PersonMatch> people = personQuestion ? Directory.Match(question, context, _options.SuggestionCount) : [];
        if (people.Count > 0 && people[0].Confidence >= _options.PersonConfidenceThreshold)
        {
            var best = people[0];
            return new AnswerResult(AnswerKind.Person, best.Confidence, null, best, search.Hits, people, best.Reasons);
        }

        var cues = OutOfScopeCues(question);
        var cueFactor = Math.Pow(_options.OutOfScopeFactor, cues);
        if (embedder is not null && _options.Hybrid.WordsDecisive is { } decisive && search.Best is { } sure && search.Confidence * cueFactor >= decisive)
        {
            // The words alone are sure enough that the blend has never ranked otherwise: the question is not embedded.
            var suggestions = search.Hits.Take(_options.SuggestionCount).ToList();
            return new AnswerResult(AnswerKind.Article, search.Confidence * cueFactor, sure.Article, null, suggestions, people, search.MatchedTerms);
        }

        if (embedder is not null)
        {
            var hybrid = _options.Hybrid;
            var meaning = embedder.EmbedQuestion(Knowledge.TextForModel(question, embedder, hybrid.CorrectTyposForModel, hybrid.ExpandAcronymsForModel));
            return Blend(search, meaning, cues, WordCount(question), people) with { QuestionMeaning = meaning };
        }

        var articleConfidence = search.Confidence * cueFactor;
        if (search.Best is { } hit && articleConfidence >= _options.ConfidenceThreshold)
        {
            return new AnswerResult(AnswerKind.Article, articleConfidence, hit.Article, null, search.Hits, people, search.MatchedTerms);
        }

        var confidence = Math.Max(articleConfidence, people.Count > 0 ? people[0].Confidence : 0);
        return new AnswerResult(AnswerKind.NotSure, confidence, null, null, search.Hits, people, search.MatchedTerms);
    }

    /// <summary>
    /// Ranks by <see cref="HybridOptions.LexicalWeight"/> × words' score (relative to the best) + the rest × similarity, and
    /// is confident when words and meaning agree or the meaning is close. The meaning part is cut by the square of the
    /// admin-cue factor: an embedding sees "my appraisal score last year" as being about appraisals, blind to its asking
    /// for personal records.
    /// </summary>
    private AnswerResult Blend(KnowledgeSearchResult search, float[] question, int cues, int words, IReadOnlyList<PersonMatch> people)
    {
        var hybrid = _options.Hybrid;
        var cueFactor = Math.Pow(_options.OutOfScopeFactor, cues);
        var semantic = Semantic.Current;
        var entries = semantic.Entries;
        var scratch = t_blend ??= new BlendScratch();
        var scores = scratch.Scores(entries.Length + search.Hits.Count);
        var meaningWeight = (float)(1 - hybrid.LexicalWeight);
        var similarities = scratch.Similarities(entries.Length);
        var baseline = 0.0;
        for (var i = 0; i < entries.Length; i++)
        {
            baseline += similarities[i] = SemanticIndex.Dot(question, entries[i].Vector);
        }

        Lift(question, search, semantic, similarities);
        for (var i = 0; i < entries.Length; i++)
        {
            scores[i] = meaningWeight * similarities[i];
        }

        // Articles not embedded yet (saved a moment ago) take the slots after the embedded ones, ranked by words alone.
        var unembedded = scratch.Unembedded;
        unembedded.Clear();
        var bestLexical = search.Best?.Score ?? 0;
        foreach (var hit in search.Hits)
        {
            var lexical = (float)(hybrid.LexicalWeight * hit.Score / bestLexical);
            if (semantic.SlotById.TryGetValue(hit.Article.Id, out var slot))
            {
                scores[slot] += lexical;
            }
            else
            {
                scores[entries.Length + unembedded.Count] = lexical;
                unembedded.Add(hit.Article);
            }
        }

        var hits = new List<ArticleHit>(_options.SuggestionCount);
        var bestSlot = -1;
        var runnerUpSlot = -1;
        var wanted = Math.Max(2, _options.SuggestionCount);
        foreach (var slot in TopSlots(scores, entries.Length + unembedded.Count, wanted + 2))
        {
            var article = slot < entries.Length ? Knowledge.Find(entries[slot].Id) : unembedded[slot - entries.Length];
            if (article is not null && hits.Count < wanted)
            {
                bestSlot = hits.Count == 0 ? slot : bestSlot;
                runnerUpSlot = hits.Count == 1 ? slot : runnerUpSlot;
                hits.Add(new ArticleHit(article, scores[slot]));
            }
        }

        if (hits.Count == 0)
        {
            return new AnswerResult(AnswerKind.NotSure, people.Count > 0 ? people[0].Confidence : 0, null, null, [], people, []);
        }

        var best = hits[0].Article;
        var agree = search.Best?.Article.Id == best.Id;
        var similarity = bestSlot < entries.Length ? similarities[bestSlot] : 0;
        var meaning = Math.Clamp((similarity - hybrid.LengthDiscount(words) - hybrid.SimilarityFloor) / (hybrid.SimilarityCeiling - hybrid.SimilarityFloor), 0, 1);
        var blend = Math.Clamp(
            (cueFactor * hybrid.LexicalConfidenceShare * (agree ? search.Confidence : 0))
            + (cueFactor * cueFactor * (1 - hybrid.LexicalConfidenceShare) * meaning), 0, 1);
        var signals = Signals(question, search, semantic, similarities, scores, bestSlot, runnerUpSlot, best, cues, words, blend)
            with { Baseline = entries.Length == 0 ? 0 : baseline / entries.Length };
        var confidence = hybrid.Confidence is { } model ? model.Probability(signals) : blend;
        IReadOnlyList<string> matched = agree ? search.MatchedTerms : [];
        var suggestions = hits.Take(_options.SuggestionCount).ToList();
        return (confidence >= hybrid.ConfidenceThreshold
            ? new AnswerResult(AnswerKind.Article, confidence, best, null, suggestions, people, matched)
            : new AnswerResult(AnswerKind.NotSure, Math.Max(confidence, people.Count > 0 ? people[0].Confidence : 0), null, null, suggestions, people, matched)
                { Offered = hybrid.Offerable(suggestions) })
            with { Signals = signals };
    }

    private AnswerSignals Signals(
        float[] question, KnowledgeSearchResult search, SemanticIndex.Snapshot semantic, float[] similarities, float[] scores,
        int bestSlot, int runnerUpSlot, KnowledgeArticle best, int cues, int words, double blend)
    {
        var entries = semantic.Entries;
        var similarity = bestSlot < entries.Length ? similarities[bestSlot] : 0;
        var runnerUp = runnerUpSlot >= 0 && runnerUpSlot < entries.Length ? similarities[runnerUpSlot] : 0;
        var (head, passage, phrasing) = bestSlot < entries.Length ? SemanticIndex.Parts(question, entries[bestSlot]) : default;
        var bestLexical = search.Best?.Score ?? 0;
        var lexicalShare = 0.0;
        foreach (var hit in search.Hits)
        {
            if (hit.Article.Id == best.Id && bestLexical > 0)
            {
                lexicalShare = hit.Score / bestLexical;
                break;
            }
        }

        return new AnswerSignals(
            similarity,
            similarity - runnerUp,
            runnerUpSlot >= 0 ? scores[bestSlot] - scores[runnerUpSlot] : scores[bestSlot],
            head,
            passage,
            phrasing,
            search.Confidence,
            lexicalShare,
            search.Best?.Article.Id == best.Id,
            search.Coverage,
            words,
            cues,
            blend);
    }

    private static int WordCount(string question)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in question)
        {
            var letter = char.IsLetterOrDigit(c);
            count += letter && !inWord ? 1 : 0;
            inWord = letter;
        }

        return count;
    }

    /// <summary>
    /// Raises head similarities by the articles' passages and phrasings: every article's in a base of up to
    /// <see cref="HybridOptions.PassageCandidates"/> articles; in a larger one, only the closest heads' and the words'
    /// candidates', since reading every passage and phrasing vector of thousands of articles costs more than the
    /// question's embedding.
    /// </summary>
    private void Lift(float[] question, KnowledgeSearchResult search, SemanticIndex.Snapshot semantic, float[] similarities)
    {
        var entries = semantic.Entries;
        var passageShare = (float)_options.Hybrid.PassageShare;
        var phrasingShare = (float)_options.Hybrid.PhrasingShare;
        if (passageShare <= 0 && phrasingShare <= 0)
        {
            return;
        }

        if (entries.Length <= _options.Hybrid.PassageCandidates)
        {
            for (var i = 0; i < entries.Length; i++)
            {
                similarities[i] = SemanticIndex.Lifted(question, entries[i], similarities[i], passageShare, phrasingShare);
            }

            return;
        }

        var heads = TopSlots(similarities, entries.Length, _options.Hybrid.PassageCandidates);
        var words = search.Hits.Select(hit => semantic.SlotById.TryGetValue(hit.Article.Id, out var slot) ? slot : -1).Where(slot => slot >= 0);
        foreach (var slot in heads.Union(words).ToList())
        {
            similarities[slot] = SemanticIndex.Lifted(question, entries[slot], similarities[slot], passageShare, phrasingShare);
        }
    }

    /// <summary>The slots of the <paramref name="count"/> highest scores, best first; ties keep the earlier slot.</summary>
    private static List<int> TopSlots(float[] scores, int length, int count)
    {
        var top = new List<int>(count + 1);
        for (var slot = 0; slot < length; slot++)
        {
            if (top.Count == count && scores[slot] <= scores[top[^1]])
            {
                continue;
            }

            var position = top.Count;
            while (position > 0 && scores[top[position - 1]] < scores[slot])
            {
                position--;
            }

            top.Insert(position, slot);
            if (top.Count > count)
            {
                top.RemoveAt(count);
            }
        }

        return top;
    }

    /// <summary>How many admin or logistics cues the question holds (at most two): each one halves the confidence.</summary>
    private int OutOfScopeCues(string question)
    {
        if (_outOfScope is null)
        {
            return 0;
        }

        // Non-backtracking matching runs in linear time, so a busy machine cannot time it out and change the answer.
        var cues = 0;
        for (var match = _outOfScope.Match(question); match.Success && cues < 2; match = match.NextMatch())
        {
            cues++;
        }

        return cues;
    }

    /// <summary>Adds or replaces an article; it is searchable when this returns.</summary>
    public void Upsert(KnowledgeArticle article)
    {
        Knowledge.Upsert(article);
        ArticleChanged?.Invoke(article);
    }

    /// <summary>Removes an article; false when there is none.</summary>
    public bool Remove(string id)
    {
        var removed = Knowledge.Remove(id);
        Semantic.Forget(id);
        return removed;
    }

    /// <summary>Per-thread buffers for blending, reused so a large knowledge base does not allocate per answer.</summary>
    private sealed class BlendScratch
    {
        private float[] _scores = [];
        private float[] _similarities = [];

        public List<KnowledgeArticle> Unembedded { get; } = [];

        public float[] Scores(int length) => Sized(ref _scores, length);

        public float[] Similarities(int length) => Sized(ref _similarities, length);

        private static float[] Sized(ref float[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                buffer = new float[Math.Max(length, buffer.Length * 2)];
            }

            return buffer;
        }
    }
}
