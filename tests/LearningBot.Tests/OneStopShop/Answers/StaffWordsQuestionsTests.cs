using LearningBot.OneStopShop.Knowledge;
using Xunit.Abstractions;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>
/// Questions written in the words staff and volunteers actually use (typos, acronyms, roles, long stories),
/// from the article titles and summaries only. Nothing is tuned on this set: it only reports how the
/// one-stop shop does, so later changes can be judged honestly.
/// </summary>
public sealed class StaffWordsQuestionsTests(ITestOutputHelper output)
{
    private const int MinimumAnswerable = 70;
    private const int MinimumOutOfScope = 18;

    /// <summary>Articles being written now; questions may name them before their files exist.</summary>
    private static readonly string[] ArticlesBeingWritten =
    [
        "care-certificate",
        "supervision",
        "preceptorship",
        "costing-learning",
        "quality-improvement",
        "oliver-mcgowan-training",
    ];

    private static string QuestionsFile => Path.Combine(KnowledgeFixtures.RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop", "Answers", "staff-words-questions.json");

    private static string ArticlesFolder => Path.Combine(KnowledgeFixtures.RealKnowledgeFolder, KnowledgeLoader.ArticlesFolder);

    [Fact]
    public void The_staff_words_set_has_enough_answerable_and_out_of_scope_questions()
    {
        var questions = AnswerEvaluation.LoadQuestions(QuestionsFile);

        Assert.True(questions.Count(q => !q.IsEscalation) >= MinimumAnswerable, $"the set needs at least {MinimumAnswerable} answerable questions");
        Assert.True(questions.Count(q => q.IsEscalation) >= MinimumOutOfScope, $"the set needs at least {MinimumOutOfScope} out-of-scope questions");
        Assert.All(questions.Where(q => q.IsEscalation), q => Assert.Empty(q.Expected ?? []));
        Assert.All(questions.Where(q => !q.IsEscalation), q => Assert.NotEmpty(q.Expected ?? []));
    }

    [Fact]
    public void The_staff_words_set_asks_no_question_twice()
    {
        var duplicates = AnswerEvaluation.LoadQuestions(QuestionsFile)
            .GroupBy(q => Normalise(q.Question))
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void Every_expected_answer_is_an_article_in_the_knowledge_base_or_one_being_written()
    {
        var published = KnowledgeLoader.LoadArticles(ArticlesFolder).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var unknown = AnswerEvaluation.LoadQuestions(QuestionsFile)
            .SelectMany(q => q.Expected ?? [])
            .Distinct(StringComparer.Ordinal)
            .Where(id => !published.Contains(id) && !ArticlesBeingWritten.Contains(id, StringComparer.Ordinal));

        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_published_article_is_asked_about_at_least_once()
    {
        var asked = AnswerEvaluation.LoadQuestions(QuestionsFile).SelectMany(q => q.Expected ?? []).ToHashSet(StringComparer.Ordinal);
        var unasked = KnowledgeLoader.LoadArticles(ArticlesFolder).Select(a => a.Id).Where(id => !asked.Contains(id)).ToList();

        Assert.True(unasked.Count == 0, $"write staff-words questions for these articles too: {string.Join(", ", unasked)}");
    }

    [Fact]
    public void Reports_how_the_one_stop_shop_answers_every_staff_words_question()
    {
        var questions = AnswerEvaluation.LoadQuestions(QuestionsFile);
        var report = AnswerEvaluation.Run(AnswerEngine.Load(KnowledgeFixtures.RealKnowledgeFolder), questions);
        Print(report, questions.Count);

        Assert.Equal(questions.Count, report.Outcomes.Count);
        Assert.Equal(questions.Select(q => q.Question), report.Outcomes.Select(o => o.Question.Question));
        Assert.Equal(questions.Count, report.Answerable + report.Escalations);
    }

    private void Print(EvaluationReport report, int total)
    {
        var outOfScope = report.Outcomes.Where(o => o.Question.IsEscalation).ToList();
        var heldBack = outOfScope.Count(o => !IsConfident(o.Answer));
        var missingArticles = ArticlesBeingWritten.Where(id => !File.Exists(Path.Combine(ArticlesFolder, id + ".md"))).ToList();

        output.WriteLine($"answerable: {report.Answerable}, out of scope: {report.Escalations}");
        if (missingArticles.Count > 0)
        {
            output.WriteLine($"articles not written yet (their questions count as misses): {string.Join(", ", missingArticles)}");
        }

        output.WriteLine($"top-1: {report.Top1Accuracy:P1}");
        output.WriteLine($"top-3: {report.Top3Accuracy:P1}");
        output.WriteLine($"out of scope answered not sure or signposted: {heldBack}/{outOfScope.Count} ({Share(heldBack, outOfScope.Count):P1})");
        output.WriteLine($"confidently wrong: {report.ConfidentlyWrong.Count}/{total} ({Share(report.ConfidentlyWrong.Count, total):P1})");
        output.WriteLine($"answerable answered not sure: {report.WronglyNotSure:P1}");
        EvaluationMisses.Write(output, report);
    }

    /// <summary>Anything other than an article or a person (not sure today, a signpost later) is not a confident answer.</summary>
    private static bool IsConfident(AnswerResult answer) => answer.Kind is AnswerKind.Article or AnswerKind.Person;

    private static double Share(int count, int total) => total == 0 ? 0 : (double)count / total;

    private static string Normalise(string question) =>
        string.Join(' ', question.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
