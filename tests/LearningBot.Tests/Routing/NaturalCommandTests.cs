using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LearningBot.Tests.Routing;

/// <summary>
/// How people who type the way they talk reach each capability, through the real router and features:
/// <c>natural-commands.json</c> holds requests in staff and volunteer words (typos, capitals, "please", "I'd like to",
/// emoji, British spelling), each with the command it should reach, and learning questions that mention the same words,
/// which must still be answered as questions; <c>natural-commands-unseen.json</c> holds more of both, written once the
/// rules were made and never used to change them, to show how well the rules carry over. No question the one-stop
/// shop is trained on is taken for a command. Each phrase's landing place is printed, with the totals.
/// </summary>
public sealed class NaturalCommandTests(NaturalCommandHarness harness, ITestOutputHelper output) : IClassFixture<NaturalCommandHarness>
{
    /// <summary>The most of the unseen requests, in percent, that may miss: 8 of 42 (19%) did when they were written.</summary>
    private const int MostUnseenRequestsMissed = 25;

    [Fact]
    public void The_corpus_has_at_least_140_requests_and_40_questions_and_names_only_real_commands()
    {
        var corpus = NaturalCommandHarness.Load(NaturalCommandHarness.Corpus);
        var unseen = NaturalCommandHarness.Load(NaturalCommandHarness.Unseen);
        var commands = harness.Bot.Services.GetRequiredService<BotRouter>().Routes.All()
            .Where(route => route.Kind == RouteKinds.Command)
            .Select(route => route.Name)
            .Append(NaturalCommandHarness.Menu)
            .Append(NaturalCommandHarness.Question)
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(corpus.Count(p => p.Expect != NaturalCommandHarness.Question) >= 140, "fewer than 140 requests");
        Assert.True(corpus.Count(p => p.Expect == NaturalCommandHarness.Question) >= 40, "fewer than 40 questions");
        Assert.Empty(corpus.Concat(unseen).Select(p => p.Expect).Where(expect => !commands.Contains(expect)).Distinct());
        Assert.Equal(corpus.Count + unseen.Count, corpus.Concat(unseen).Select(p => p.Text).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData("questions.json")]
    [InlineData("Fixtures/fixture-questions.json")]
    public void No_question_the_one_stop_shop_is_trained_on_is_taken_for_a_command(string file)
    {
        var routes = harness.Bot.Services.GetRequiredService<BotRouter>().Routes;
        var questions = AnswerEvaluation.LoadQuestions(Path.Combine(RepoPaths.Root, "tests", "LearningBot.Tests", "OneStopShop", file));

        Assert.NotEmpty(questions);
        Assert.Empty(questions.Where(q => routes.TryFindCommand(q.Question, out _, out _)).Select(q => q.Question));
    }

    [Fact]
    public Task Requests_in_staff_words_reach_the_capability_they_ask_for() =>
        AssertEachLandsAsync(NaturalCommandHarness.Load(NaturalCommandHarness.Corpus).Where(p => p.Expect != NaturalCommandHarness.Question).ToList());

    [Fact]
    public Task Questions_that_mention_a_capability_are_still_answered_as_questions() =>
        AssertEachLandsAsync(NaturalCommandHarness.Load(NaturalCommandHarness.Corpus).Where(p => p.Expect == NaturalCommandHarness.Question).ToList());

    [Fact]
    public async Task Phrases_written_after_the_rules_mostly_reach_their_capability_and_their_questions_all_stay_questions()
    {
        var unseen = NaturalCommandHarness.Load(NaturalCommandHarness.Unseen);
        var requests = unseen.Where(p => p.Expect != NaturalCommandHarness.Question).ToList();

        var missed = await MissesAsync(requests);
        var questionsMissed = await MissesAsync(unseen.Where(p => p.Expect == NaturalCommandHarness.Question).ToList());

        Assert.True(missed.Count * 100 <= requests.Count * MostUnseenRequestsMissed, $"{missed.Count} of {requests.Count} requests missed: {string.Join("; ", missed)}");
        Assert.Empty(questionsMissed);
    }

    [Theory]
    [InlineData("get feedback")]
    [InlineData("I want to log some feedback")]
    [InlineData("please announce")]
    public async Task A_guarded_command_read_loosely_is_answered_as_a_question_for_someone_without_its_role(string text) =>
        Assert.Equal(NaturalCommandHarness.Question, await harness.DestinationAsync(new NaturalPhrase(text, NaturalCommandHarness.Question)));

    [Theory]
    [InlineData("feedback")]
    [InlineData("announce")]
    public async Task A_guarded_command_typed_as_it_is_is_still_refused_to_someone_without_its_role(string text)
    {
        var refusalsBefore = Refusals();

        var landed = await harness.DestinationAsync(new NaturalPhrase(text, text));

        Assert.Equal(text, landed);
        Assert.True(await Eventually.TrueAsync(() => Refusals() == refusalsBefore + 1), "no refusal was sent");
    }

    /// <summary>Replies in words alone, as a refusal is (the commands themselves answer with a card).</summary>
    /// <remarks>The tests of one class run one after another, so a refusal sent meanwhile is this test's.</remarks>
    private int Refusals() =>
        harness.Bot.Connector.Sent.Count(sent => sent.Activity.Text is { Length: > 0 } text && text.Contains("only", StringComparison.OrdinalIgnoreCase)
            && sent.Activity.Attachments is null or { Count: 0 });

    private async Task AssertEachLandsAsync(IReadOnlyList<NaturalPhrase> phrases) => Assert.Empty(await MissesAsync(phrases));

    private async Task<List<string>> MissesAsync(IReadOnlyList<NaturalPhrase> phrases)
    {
        var wrong = new List<string>();
        foreach (var phrase in phrases)
        {
            var landed = await harness.DestinationAsync(phrase);
            var mark = landed == phrase.Expect ? "ok  " : "MISS";
            output.WriteLine($"{mark} \"{phrase.Text}\" -> {landed}");
            if (landed != phrase.Expect)
            {
                wrong.Add($"\"{phrase.Text}\": expected {phrase.Expect}, landed on {landed}");
            }
        }

        output.WriteLine($"{phrases.Count - wrong.Count} of {phrases.Count} landed where they should.");
        return wrong;
    }
}
