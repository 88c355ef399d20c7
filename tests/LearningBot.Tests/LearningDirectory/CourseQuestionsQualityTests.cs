using System.Text.Json;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Finding;
using Xunit.Abstractions;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>
/// Search quality on <c>course-questions.json</c>, questions in staff words written before the search was measured.
/// An answer is right when an offer it shows is one the question names, or is about the question's topic.
/// </summary>
public sealed class CourseQuestionsQualityTests(ITestOutputHelper output)
{
    public const string FileName = "course-questions.json";

    [Fact]
    public async Task Course_questions_find_the_right_offer_first_or_within_the_first_three()
    {
        var questions = Load(CourseFinderTests.Folder);
        var finder = CourseFinderTests.Finder(CourseFinderTests.Now);
        var top1 = 0;
        var top3 = 0;
        foreach (var question in questions)
        {
            var found = await finder.FindAsync(question.Question, question.OrganisationKind, CancellationToken.None);
            var shown = found.Question.IsCourseSeeking ? found.Matches.Select(m => m.Offer).ToList() : [];
            var first = shown.Count > 0 && question.IsRight(shown[0]);
            var inThree = shown.Take(3).Any(question.IsRight);
            top1 += first ? 1 : 0;
            top3 += inThree ? 1 : 0;
            if (!first)
            {
                output.WriteLine($"{(inThree ? "top-3" : "miss ")}  {question.Question}  ->  {string.Join(", ", shown.Select(o => o.Id))}");
            }
        }

        output.WriteLine($"{questions.Count} questions: top-1 {top1} ({100.0 * top1 / questions.Count:F0}%), top-3 {top3} ({100.0 * top3 / questions.Count:F0}%)");
        Assert.True(questions.Count >= 40);
        Assert.InRange(100.0 * top1 / questions.Count, 85, 100);
        Assert.InRange(100.0 * top3 / questions.Count, 90, 100);
    }

    public static IReadOnlyList<CourseQuestion> Load(string folder) =>
        JsonSerializer.Deserialize<QuestionFile>(File.ReadAllText(Path.Combine(folder, FileName)), new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Questions;

    public sealed record QuestionFile(IReadOnlyList<CourseQuestion> Questions);

    /// <param name="Topic">The topic the right offers are about (one of their topics or their mandatory topic).</param>
    /// <param name="Offers">The right offers of the test catalogue.</param>
    public sealed record CourseQuestion(string Question, string Topic, IReadOnlyList<string> Offers, string? OrganisationKind)
    {
        public bool IsRight(CourseOffer offer) =>
            Offers.Contains(offer.Id)
            || offer.Topics.Contains(Topic, StringComparer.OrdinalIgnoreCase)
            || string.Equals(offer.MandatoryTopic, Topic, StringComparison.OrdinalIgnoreCase);
    }
}
