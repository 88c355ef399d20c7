using System.Diagnostics;
using System.Text.Json;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.LearningDirectory.Finding;
using LearningBot.OneStopShop.Knowledge;

// Learning directory search over the shipped sample offers (learning-directory/sample-offers.json, loaded as the bot
// loads them), with the bot's own finder: quality on the course-seeking questions (top-1, top-3), the share of the
// one-stop shop's other questions that would wrongly get a directory card, and in-process latency of a search
// (p50, p99). Usage: DirectoryBench <repo root> [searches] (0 for quality only)
var root = args.Length > 0 ? args[0] : Directory.GetCurrentDirectory();
var searches = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var tests = Path.Combine(root, "tests", "LearningBot.Tests");
var catalogue = await SampleCatalogue.LoadAsync(Path.Combine(root, "learning-directory", "sample-offers.json"), TimeProvider.System);
var finder = new CourseFinder(catalogue, SynonymTable.Load(Path.Combine(root, "knowledge", "synonyms.txt")), TimeProvider.System);
var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
var questions = JsonSerializer.Deserialize<QuestionFile>(File.ReadAllText(Path.Combine(tests, "LearningDirectory", "course-questions.json")), web)!.Questions;
var rightOffers = JsonSerializer.Deserialize<TopicFile>(File.ReadAllText(Path.Combine(tests, "LearningDirectory", "sample-offer-topics.json")), web)!.Topics;
bool IsRight(CourseQuestionCase question, CourseOffer offer) => rightOffers[question.Topic].Contains(offer.Id);

int top1 = 0, top3 = 0;
foreach (var question in questions)
{
    var found = await finder.FindAsync(question.Question, question.OrganisationKind, CancellationToken.None);
    var shown = found.Question.IsCourseSeeking ? found.Matches.Select(m => m.Offer).ToList() : [];
    var first = shown.Count > 0 && IsRight(question, shown[0]);
    var inThree = shown.Take(3).Any(offer => IsRight(question, offer));
    top1 += first ? 1 : 0;
    top3 += inThree ? 1 : 0;
    if (!first)
    {
        Console.WriteLine($"  {(inThree ? "top-3" : "miss ")}  {question.Question}  ->  {string.Join(", ", shown.Select(o => o.Id))}");
    }
}

Console.WriteLine($"{catalogue.Listings.Count} sample offers, {questions.Count} course questions: top-1 {top1} ({100.0 * top1 / questions.Count:F0}%), top-3 {top3} ({100.0 * top3 / questions.Count:F0}%)");

// The one-stop shop's question sets (articles, held-out, staff words, signposts): none of them looks for a course, and
// the ask flow asks the directory first, so every card here replaces the article or signpost the person needed.
string[] otherSets =
[
    "OneStopShop/questions.json",
    "OneStopShop/heldout-questions.json",
    "OneStopShop/Answers/staff-words-questions.json",
    "OneStopShop/Answers/second-heldout-questions.json",
    "OneStopShop/Answers/signpost-questions.json",
];
var others = otherSets
    .SelectMany(set => JsonSerializer.Deserialize<List<OtherQuestion>>(File.ReadAllText(Path.Combine(tests, set)), web)!)
    .Select(q => q.Question)
    .ToList();
var kinds = LearningBot.People.OrganisationKinds.All;
int carded = 0, cardedForSomeKind = 0;
foreach (var question in others)
{
    var unknown = await finder.FindAsync(question, null, CancellationToken.None);
    var gotCard = GetsCard(unknown);
    var forSomeKind = gotCard;
    foreach (var kind in kinds)
    {
        forSomeKind = forSomeKind || GetsCard(await finder.FindAsync(question, kind, CancellationToken.None));
    }

    carded += gotCard ? 1 : 0;
    cardedForSomeKind += forSomeKind ? 1 : 0;
    if (forSomeKind)
    {
        Console.WriteLine($"  card   {question}  ->  {string.Join(", ", unknown.Matches.Select(m => m.Offer.Id))}");
    }
}

Console.WriteLine($"{others.Count} other questions wrongly given a directory card: {carded} ({100.0 * carded / others.Count:F1}%) with the organisation unknown, {cardedForSomeKind} ({100.0 * cardedForSomeKind / others.Count:F1}%) for at least one kind of organisation");

if (searches == 0)
{
    return; // quality only
}

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

// What DirectoryCourseAnswers answers with a card.
static bool GetsCard(CourseFindings found) => found.Question.IsCourseSeeking && found.Matches.Count > 0;

internal sealed record QuestionFile(IReadOnlyList<CourseQuestionCase> Questions);

/// <summary>A question of <c>course-questions.json</c> (its offer ids are the test catalogue's, so unused here).</summary>
internal sealed record CourseQuestionCase(string Question, string Topic, string? OrganisationKind);

/// <summary><c>sample-offer-topics.json</c>: for each topic, the sample offers that are about it.</summary>
internal sealed record TopicFile(IReadOnlyDictionary<string, IReadOnlyList<string>> Topics);

internal sealed record OtherQuestion(string Question);

/// <summary>
/// The sample offers as the directory holds them once loaded: read by the bot's own reader with today as the anchor
/// day, through the same scrubbing, upcoming sessions only, soonest first.
/// </summary>
internal sealed class SampleCatalogue(IReadOnlyList<CourseListing> listings) : ICourseCatalogue
{
    public IReadOnlyList<CourseListing> Listings { get; } = listings;

    public ValueTask<IReadOnlyList<CourseListing>> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Listings);

    public static async Task<SampleCatalogue> LoadAsync(string path, TimeProvider clock)
    {
        var today = UkTime.Today(clock);
        var now = clock.GetUtcNow();
        var sample = await new SampleOfferFile(path).ReadAsync(today, CancellationToken.None) ?? [];
        return new SampleCatalogue([.. sample.Select(offer => new CourseListing(
            ScrubbedOffer.Of(offer.Offer, today).Offer,
            [.. offer.Sessions.Select(s => ScrubbedSession.Of(s, today).Session).Where(s => s.IsUpcoming(now)).OrderBy(s => s.Starts)]))]);
    }
}
