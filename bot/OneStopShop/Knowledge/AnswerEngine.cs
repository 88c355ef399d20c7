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

        var cueFactor = Math.Pow(_options.OutOfScopeFactor, OutOfScopeCues(question));
        if (embedder is not null)
        {
            return Blend(search, embedder.EmbedQuestion(question), cueFactor, people);
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
    private AnswerResult Blend(KnowledgeSearchResult search, float[] question, double cueFactor, IReadOnlyList<PersonMatch> people)
    {
        var hybrid = _options.Hybrid;
        var bestLexical = search.Best?.Score ?? 0;
        var blended = new Dictionary<string, (double Score, float Similarity)>(StringComparer.Ordinal);
        foreach (var hit in search.Hits)
        {
            blended[hit.Article.Id] = (hybrid.LexicalWeight * hit.Score / bestLexical, 0);
        }

        foreach (var (id, similarity) in Semantic.Similarities(question))
        {
            var lexical = blended.TryGetValue(id, out var found) ? found.Score : 0;
            blended[id] = (lexical + ((1 - hybrid.LexicalWeight) * similarity), similarity);
        }

        var hits = new List<ArticleHit>(_options.SuggestionCount);
        var topSimilarity = 0f;
        foreach (var (id, (score, similarity)) in blended.OrderByDescending(b => b.Value.Score).ThenBy(b => b.Key, StringComparer.Ordinal))
        {
            if (hits.Count == Math.Max(1, _options.SuggestionCount))
            {
                break;
            }

            if (Knowledge.Find(id) is { } article)
            {
                topSimilarity = hits.Count == 0 ? similarity : topSimilarity;
                hits.Add(new ArticleHit(article, score));
            }
        }

        if (hits.Count == 0)
        {
            return new AnswerResult(AnswerKind.NotSure, people.Count > 0 ? people[0].Confidence : 0, null, null, [], people, []);
        }

        var best = hits[0].Article;
        var agree = search.Best?.Article.Id == best.Id;
        var meaning = Math.Clamp((topSimilarity - hybrid.SimilarityFloor) / (hybrid.SimilarityCeiling - hybrid.SimilarityFloor), 0, 1);
        var confidence = Math.Clamp(
            (cueFactor * hybrid.LexicalConfidenceShare * (agree ? search.Confidence : 0))
            + (cueFactor * cueFactor * (1 - hybrid.LexicalConfidenceShare) * meaning), 0, 1);
        IReadOnlyList<string> matched = agree ? search.MatchedTerms : [];
        var suggestions = hits.Take(_options.SuggestionCount).ToList();
        return confidence >= hybrid.ConfidenceThreshold
            ? new AnswerResult(AnswerKind.Article, confidence, best, null, suggestions, people, matched)
            : new AnswerResult(AnswerKind.NotSure, Math.Max(confidence, people.Count > 0 ? people[0].Confidence : 0), null, null, suggestions, people, matched);
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
}
