using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// The one-stop shop's answering: a who-question goes to the directory, anything else to the knowledge
/// articles, and an answer is only given when its confidence clears the configured threshold — otherwise
/// the result is <see cref="AnswerKind.NotSure"/> so the question can be escalated to a person.
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
        var search = Knowledge.Search(question, _options.SuggestionCount);
        var personQuestion = DirectoryIndex.IsPersonQuestion(question);
        IReadOnlyList<PersonMatch> people = personQuestion ? Directory.Match(question, context, _options.SuggestionCount) : [];
        if (people.Count > 0 && people[0].Confidence >= _options.PersonConfidenceThreshold)
        {
            var best = people[0];
            return new AnswerResult(AnswerKind.Person, best.Confidence, null, best, search.Hits, people, best.Reasons);
        }

        var articleConfidence = search.Confidence * Math.Pow(_options.OutOfScopeFactor, OutOfScopeCues(question));
        if (search.Best is { } hit && articleConfidence >= _options.ConfidenceThreshold)
        {
            return new AnswerResult(AnswerKind.Article, articleConfidence, hit.Article, null, search.Hits, people, search.MatchedTerms);
        }

        var confidence = Math.Max(articleConfidence, people.Count > 0 ? people[0].Confidence : 0);
        return new AnswerResult(AnswerKind.NotSure, confidence, null, null, search.Hits, people, search.MatchedTerms);
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
    public void Upsert(KnowledgeArticle article) => Knowledge.Upsert(article);

    /// <summary>Removes an article; false when there is none.</summary>
    public bool Remove(string id) => Knowledge.Remove(id);
}
