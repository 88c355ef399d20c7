using System.Globalization;
using LearningBot.FeedbackSignals;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.GoodPractice.Finding;

/// <summary>
/// Approved examples searched the way the one-stop shop searches its articles: each example becomes a
/// <see cref="KnowledgeArticle"/> (title; the problem as summary; what was done and what changed as body; its topics'
/// labels as tags) in a <see cref="KnowledgeIndex"/> with the knowledge base's synonyms and ranking. Immutable: a
/// changed set of examples is a new index (<see cref="GoodPracticeFinder"/> builds them).
/// </summary>
public sealed class PracticeIndex
{
    private readonly KnowledgeIndex _index;
    private readonly Dictionary<string, GoodPracticeExample> _byArticle;

    public PracticeIndex(IReadOnlyList<GoodPracticeExample> examples, SynonymTable synonyms, RankingOptions ranking)
    {
        var approved = examples.Where(example => example.Status == ExampleStatus.Approved).OrderBy(example => example.Id, StringComparer.Ordinal).ToList();
        _byArticle = new Dictionary<string, GoodPracticeExample>(StringComparer.Ordinal);
        var articles = new List<KnowledgeArticle>(approved.Count);
        for (var i = 0; i < approved.Count; i++)
        {
            // Article ids must be kebab-case; the example's own id need not be, so each gets its place in the list.
            var articleId = string.Create(CultureInfo.InvariantCulture, $"example-{i}");
            _byArticle[articleId] = approved[i];
            articles.Add(ArticleOf(articleId, approved[i]));
        }

        _index = new KnowledgeIndex(articles, synonyms, ranking);
        Signature = SignatureOf(approved);
    }

    public static PracticeIndex Empty { get; } = new([], SynonymTable.Empty, new RankingOptions());

    /// <summary>Which examples, at which versions, the index holds: a different signature means the table changed.</summary>
    public string Signature { get; }

    public int Count => _byArticle.Count;

    public static string SignatureOf(IEnumerable<GoodPracticeExample> examples) =>
        string.Join(',', examples.Where(example => example.Status == ExampleStatus.Approved)
            .OrderBy(example => example.Id, StringComparer.Ordinal)
            .Select(example => string.Create(CultureInfo.InvariantCulture, $"{example.Id}:{example.Version}")));

    /// <summary>The best <paramref name="max"/> examples for <paramref name="words"/>, and how sure the index is of the first.</summary>
    public PracticeSearch Search(string words, int max)
    {
        if (Count == 0 || string.IsNullOrWhiteSpace(words))
        {
            return PracticeSearch.None;
        }

        var result = _index.Search(words, max);
        return new PracticeSearch([.. result.Hits.Select(hit => new PracticeMatch(_byArticle[hit.Article.Id], hit.Score))], result.Confidence);
    }

    private static KnowledgeArticle ArticleOf(string articleId, GoodPracticeExample example)
    {
        var topics = example.TopicIds.Select(GoodPracticeChoices.Topics.TitleOf).Where(label => label.Length > 0).ToList();
#pragma warning disable LB0001 // Searching the stored (scrubbed) answers of an approved example; nothing is shown from here.
        var title = example.Title.Length > 0 ? example.Title : string.Join(", ", topics);
        var summary = example.Problem.Length > 0 ? example.Problem : title;
        var body = string.Join("\n\n", new[] { example.WhatWeDid, example.WhatChanged }.Where(text => text.Length > 0));
#pragma warning restore LB0001
        return new KnowledgeArticle(
            articleId,
            title.Length > 0 ? title : "Example",
            summary.Length > 0 ? summary : "Example",
            topics,
            [],
            [],
            string.Empty,
            DateOnly.MaxValue,
            [],
            body);
    }
}

/// <param name="Score">The BM25F score: comparable between hits of one search only.</param>
public sealed record PracticeMatch(GoodPracticeExample Example, double Score);

/// <param name="Matches">Best first.</param>
/// <param name="Confidence">The one-stop shop's confidence that the first match answers the words, in [0, 1].</param>
public sealed record PracticeSearch(IReadOnlyList<PracticeMatch> Matches, double Confidence)
{
    public static PracticeSearch None { get; } = new([], 0);
}
