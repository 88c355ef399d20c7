using LearningBot.OneStopShop.Knowledge;

namespace AnswerBench;

/// <summary>
/// A large, realistic-looking knowledge base: words are drawn with a Zipf-like skew from the real articles'
/// vocabulary plus the sector's synonym phrases, so common words are shared widely and rare words are rare.
/// </summary>
internal sealed class GeneratedKnowledge
{
    public const int PhrasingsPerArticle = 8;

    private readonly Random _random;
    private readonly int _seed;
    private readonly string[] _words;
    private readonly string[] _phrases;

    public GeneratedKnowledge(IEnumerable<KnowledgeArticle> seedArticles, SynonymTable synonyms, int seed)
    {
        _random = new Random(seed);
        _seed = seed;
        _words = [.. seedArticles
            .SelectMany(a => $"{a.Title} {a.Summary} {MarkdownText.ToPlainText(a.Body)}".Split([' ', '\n', '.', ',', ';', ':', '(', ')', '?', '!'], StringSplitOptions.RemoveEmptyEntries))
            .Select(w => w.Trim('"', '\'', '-').ToLowerInvariant())
            .Where(w => w.Length > 2 && w.All(char.IsLetter))
            .GroupBy(w => w)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .Concat(ExtraVocabulary)
            .Distinct()];
        _phrases = [.. synonyms.Groups.SelectMany(g => g)];
    }

    private static readonly string[] ExtraVocabulary =
    [
        "rota", "shift", "ward", "clinic", "paramedic", "dementia", "safeguarding", "dignity", "nutrition", "falls",
        "infection", "medication", "handover", "leadership", "resilience", "supervision", "reflection", "portfolio",
        "revalidation", "simulation", "preceptorship", "induction", "carer", "advocacy", "complaints", "feedback",
        "budget", "commissioning", "outcomes", "quality", "audit", "governance", "partnership", "volunteer",
        "wellbeing", "stress", "conflict", "communication", "literacy", "numeracy", "diversity", "equality",
    ];

    /// <summary>
    /// The articles, each asked <see cref="PhrasingsPerArticle"/> ways. The phrasings come from a generator of their
    /// own, so the rest of every article (and so its cached head vector) is what it was before articles had phrasings.
    /// </summary>
    public IReadOnlyList<KnowledgeArticle> Articles(int count)
    {
        IReadOnlyList<KnowledgeArticle> articles = [.. Enumerable.Range(0, count).Select(i => new KnowledgeArticle(
            $"generated-{i}",
            Capitalise(Sentence(_random.Next(3, 9))),
            Capitalise(Sentence(_random.Next(12, 32))) + ".",
            [.. Enumerable.Range(0, _random.Next(2, 7)).Select(_ => _random.Next(3) == 0 ? Phrase() : Word())],
            ["worker"],
            ["all"],
            "L&D Support Team",
            new DateOnly(2027, 6, 30),
            [],
            Body(_random.Next(60, 700))))];
        var random = new Random(_seed + 1);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        return [.. articles.Select(article => article with { Asked = [.. Enumerable.Range(0, PhrasingsPerArticle).Select(_ => Phrasing(random, taken))] })];
    }

    /// <summary>A question-like phrasing no other article has.</summary>
    private string Phrasing(Random random, HashSet<string> taken)
    {
        string[] openings = ["how do I", "what is", "can I", "where do I find", "help with", "who knows about"];
        while (true)
        {
            var words = Enumerable.Range(0, random.Next(3, 12)).Select(_ => _words[(int)Math.Min(_words.Length - 1, Math.Floor(Math.Pow(_words.Length, random.NextDouble())) - 1)]);
            var phrasing = $"{openings[random.Next(openings.Length)]} {string.Join(' ', words)}";
            if (taken.Add(phrasing))
            {
                return phrasing;
            }
        }
    }

    /// <summary>Questions built from an article's own words (some with a typo), plus ones no article covers.</summary>
    public IReadOnlyList<string> Questions(IReadOnlyList<KnowledgeArticle> articles, int count)
    {
        string[] openings = ["How do I", "What is", "Where can I find", "Can I get help with", "Tell me about", "Who can advise on"];
        string[] unrelated = ["How do I claim mileage?", "What is the wifi password?", "Where can I park?", "When is pay day?"];
        var questions = new List<string>(count);
        while (questions.Count < count)
        {
            if (_random.Next(10) == 0)
            {
                questions.Add(unrelated[_random.Next(unrelated.Length)]);
                continue;
            }

            var article = articles[_random.Next(articles.Count)];
            var titleWords = article.Title.Split(' ');
            var picked = titleWords.OrderBy(_ => _random.Next()).Take(Math.Min(3, titleWords.Length)).Select(w => w.ToLowerInvariant()).ToArray();
            if (_random.Next(5) == 0)
            {
                picked[0] = Typo(picked[0]);
            }

            questions.Add($"{openings[_random.Next(openings.Length)]} {string.Join(' ', picked)} {(_random.Next(2) == 0 ? article.Tags[0] : string.Empty)}?");
        }

        return questions;
    }

    private string Typo(string word)
    {
        if (word.Length < 5)
        {
            return word;
        }

        var chars = word.ToCharArray();
        var i = _random.Next(1, chars.Length - 1);
        (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        return new string(chars);
    }

    private string Body(int words)
    {
        var paragraphs = new List<string>();
        var written = 0;
        while (written < words)
        {
            var length = _random.Next(8, 25);
            var sentences = Enumerable.Range(0, _random.Next(2, 5)).Select(_ => Capitalise(Sentence(length)) + ".");
            paragraphs.Add(_random.Next(4) == 0 ? $"## {Capitalise(Sentence(3))}\n" + string.Join(' ', sentences) : "- " + string.Join(' ', sentences));
            written += length * 3;
        }

        return string.Join("\n\n", paragraphs);
    }

    private string Sentence(int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => _random.Next(12) == 0 ? Phrase() : Word()));

    // Zipf-like: low ranks (common words) are drawn far more often than high ranks.
    private string Word() => _words[(int)Math.Min(_words.Length - 1, Math.Floor(Math.Pow(_words.Length, _random.NextDouble())) - 1)];

    private string Phrase() => _phrases[_random.Next(_phrases.Length)];

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
