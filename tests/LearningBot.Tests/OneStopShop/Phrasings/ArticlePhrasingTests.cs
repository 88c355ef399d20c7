using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.Tests.OneStopShop.Phrasings;

/// <summary>
/// The "asked as" phrasings of the real articles: enough of them, one article each, and written apart from every
/// evaluation set, so that the accuracy measured on those sets stays honest.
/// </summary>
public sealed class ArticlePhrasingTests
{
    private static readonly string[] EvaluationSets =
    [
        "questions.json",
        "heldout-questions.json",
        Path.Combine("Answers", "second-heldout-questions.json"),
        Path.Combine("Answers", "staff-words-questions.json"),
        Path.Combine("Fixtures", "fixture-questions.json"),
        "staff-words-training.json",
    ];

    private static string EvaluationFolder => Path.Combine(KnowledgeFixtures.RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop");

    [Fact]
    public void Every_real_article_is_asked_six_to_ten_ways()
    {
        var articles = KnowledgeLoader.Load(KnowledgeFixtures.RealKnowledgeFolder).Articles;

        var outside = articles.Where(a => a.Asked.Count is < 6 or > 10).Select(a => $"{a.Id} ({a.Asked.Count})").ToList();

        Assert.NotEmpty(articles);
        Assert.Empty(outside);
    }

    [Fact]
    public void No_phrasing_repeats_a_question_of_any_evaluation_set()
    {
        var files = EvaluationSets.Select(set => Path.Combine(EvaluationFolder, set))
            .Concat(Directory.EnumerateFiles(EvaluationFolder, "*questions.json", SearchOption.AllDirectories))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Assert.All(files.Take(EvaluationSets.Length), file => Assert.True(File.Exists(file), $"{file} is missing"));
        var questions = files.SelectMany(AnswerEvaluation.LoadQuestions).Select(q => KnowledgeValidation.NormalisedPhrasing(q.Question)).ToHashSet(StringComparer.Ordinal);

        var repeated = KnowledgeLoader.Load(KnowledgeFixtures.RealKnowledgeFolder).Articles
            .SelectMany(a => a.Asked.Select(phrasing => (a.Id, Phrasing: phrasing)))
            .Where(p => questions.Contains(KnowledgeValidation.NormalisedPhrasing(p.Phrasing)))
            .Select(p => $"{p.Id}: {p.Phrasing}")
            .ToList();

        Assert.True(questions.Count > 300, $"only {questions.Count} evaluation questions were read");
        Assert.Empty(repeated);
    }

    [Theory]
    [InlineData("Mentoring?", " mentoring")]
    [InlineData("how do I find a mentor", "How do I find a  MENTOR!")]
    [InlineData("PLT - when?", "plt when")]
    public void Phrasings_compare_without_case_punctuation_or_spacing(string one, string other)
    {
        Assert.Equal(KnowledgeValidation.NormalisedPhrasing(one), KnowledgeValidation.NormalisedPhrasing(other));
    }

    [Fact]
    public void The_parser_reads_phrasings_one_per_line_commas_and_all()
    {
        const string Text = """
            ---
            id: night-learning
            title: Learning on nights
            summary: How night staff fit learning in.
            tags: [nights, learning, rota]
            owner: L&D Support Team
            review-by: 2027-06-30
            asked:
            - I work nights, when can I do my training
            - "HCA on nights, can I do e-learning on shift"
            ---
            Body text.
            """;

        var article = ArticleParser.Parse(Text, "night-learning.md");

        Assert.Equal(["I work nights, when can I do my training", "HCA on nights, can I do e-learning on shift"], article.Asked);
    }

    [Fact]
    public void An_article_without_phrasings_still_parses_with_none()
    {
        const string Text = """
            ---
            id: no-phrasings
            title: No phrasings
            summary: An older article.
            tags: [old, article, plain]
            owner: L&D Support Team
            review-by: 2027-06-30
            ---
            Body text.
            """;

        Assert.Empty(ArticleParser.Parse(Text, "no-phrasings.md").Asked);
    }

    [Fact]
    public void Rejects_two_articles_asked_the_same_way()
    {
        var first = KnowledgeFixtures.Article("night-shifts", "Night shifts") with { Asked = ["Training on nights?"] };
        var second = KnowledgeFixtures.Article("rota-help", "Rota help") with { Asked = ["training on  nights"] };

        var problem = Assert.Throws<ArgumentException>(() => new KnowledgeIndex([first, second], KnowledgeFixtures.Synonyms));

        Assert.Contains("training on nights", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_an_edit_that_takes_another_articles_phrasing()
    {
        var first = KnowledgeFixtures.Article("night-shifts", "Night shifts") with { Asked = ["training on nights"] };
        var index = new KnowledgeIndex([first, KnowledgeFixtures.Article("rota-help", "Rota help")], KnowledgeFixtures.Synonyms);

        var problem = Assert.Throws<ArgumentException>(() => index.Upsert(KnowledgeFixtures.Article("rota-help", "Rota help") with { Asked = ["Training on nights!"] }));

        Assert.True(KnowledgeValidation.IsSharedPhrasing(problem));
        Assert.Empty(index.Find("rota-help")!.Asked);
    }

    [Fact]
    public void An_article_keeps_its_own_phrasings_when_edited()
    {
        var first = KnowledgeFixtures.Article("night-shifts", "Night shifts") with { Asked = ["training on nights"] };
        var index = new KnowledgeIndex([first], KnowledgeFixtures.Synonyms);

        index.Upsert(first with { Asked = ["training on nights", "learning when you work nights"] });

        Assert.Equal(2, index.Find("night-shifts")!.Asked.Count);
    }
}
