using System.Text.Json;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Support;
using Xunit.Abstractions;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>
/// The one-stop shop's own question sets are advice questions answered by articles: the directory must leave nearly
/// all of them to the knowledge base, taking only those that really look for a course it has.
/// </summary>
public sealed class AdviceQuestionsTests(ITestOutputHelper output)
{
    private static readonly string[] Sets =
    [
        "OneStopShop/questions.json",
        "OneStopShop/heldout-questions.json",
        "OneStopShop/Answers/staff-words-questions.json",
        "OneStopShop/Answers/second-heldout-questions.json",
    ];

    [Fact]
    public async Task Advice_questions_stay_with_the_knowledge_base()
    {
        var finder = CourseFinderTests.Finder(CourseFinderTests.Now);
        var questions = Sets
            .SelectMany(set => JsonSerializer.Deserialize<List<EvaluationQuestion>>(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "LearningBot.Tests", set)))!)
            .ToList();
        var taken = 0;
        foreach (var question in questions)
        {
            var found = await finder.FindAsync(question.Question, null, CancellationToken.None);
            if (found.Question.IsCourseSeeking && found.Matches.Count > 0)
            {
                taken++;
                output.WriteLine($"{question.Question}  ->  {string.Join(", ", found.Matches.Select(m => m.Offer.Id))}  (article: {string.Join(", ", question.Expected ?? [])})");
            }
        }

        output.WriteLine($"{taken} of {questions.Count} advice questions answered from the directory");
        Assert.InRange(100.0 * taken / questions.Count, 0, 3);
    }
}
