using System.Diagnostics;
using System.Text.Json;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Finding;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.LearningDirectory;

// Learning directory search: quality on the course-seeking questions (top-1, top-3) and in-process latency of a search
// (p50, p99), over the test catalogue. Usage: DirectoryBench <repo root> [searches]
var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var searches = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var folder = Path.Combine(root, "tests", "LearningBot.Tests", "LearningDirectory");
var now = DateTimeOffset.UtcNow;
var catalogue = TestCatalogue.Load(folder, now);
var finder = new CourseFinder([catalogue], SynonymTable.Load(Path.Combine(root, "knowledge", "synonyms.txt")), TimeProvider.System);
var questions = JsonSerializer.Deserialize<QuestionFile>(
    File.ReadAllText(Path.Combine(folder, "course-questions.json")), new JsonSerializerOptions(JsonSerializerDefaults.Web))!.Questions;

int top1 = 0, top3 = 0;
foreach (var question in questions)
{
    var found = await finder.FindAsync(question.Question, question.OrganisationKind, CancellationToken.None);
    var shown = found.Question.IsCourseSeeking ? found.Matches.Select(m => m.Offer).ToList() : [];
    top1 += shown.Count > 0 && question.IsRight(shown[0]) ? 1 : 0;
    top3 += shown.Take(3).Any(question.IsRight) ? 1 : 0;
}

Console.WriteLine($"{catalogue.Listings.Count} offers, {questions.Count} questions: top-1 {top1} ({100.0 * top1 / questions.Count:F0}%), top-3 {top3} ({100.0 * top3 / questions.Count:F0}%)");

for (var i = 0; i < Math.Min(searches, 2_000); i++)
{
    await finder.FindAsync(questions[i % questions.Count].Question, null, CancellationToken.None);
}

var timings = new double[searches];
for (var i = 0; i < searches; i++)
{
    var started = Stopwatch.GetTimestamp();
    await finder.FindAsync(questions[i % questions.Count].Question, questions[i % questions.Count].OrganisationKind, CancellationToken.None);
    timings[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
}

Array.Sort(timings);
Console.WriteLine($"search: {searches} searches  p50 {Percentile(0.50):F1} µs  p99 {Percentile(0.99):F1} µs  max {timings[^1]:F1} µs");

double Percentile(double p) => timings[Math.Min(timings.Length - 1, (int)Math.Ceiling(p * timings.Length) - 1)];

internal sealed record QuestionFile(IReadOnlyList<CourseQuestionCase> Questions);

/// <summary>A question of <c>course-questions.json</c>: right when an offer shown is one it names or is about its topic.</summary>
internal sealed record CourseQuestionCase(string Question, string Topic, IReadOnlyList<string> Offers, string? OrganisationKind)
{
    public bool IsRight(CourseOffer offer) =>
        Offers.Contains(offer.Id)
        || offer.Topics.Contains(Topic, StringComparer.OrdinalIgnoreCase)
        || string.Equals(offer.MandatoryTopic, Topic, StringComparison.OrdinalIgnoreCase);
}
