using LearningBot.Connector.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LearningBot.Tests.Routing;

/// <summary>
/// How people who type the way they talk reach each capability, through the real router and features:
/// <c>natural-commands.json</c> holds requests in staff and volunteer words (typos, capitals, "please", "I'd like to",
/// emoji, British spelling), each with the command it should reach, and learning questions that mention the same words,
/// which must still be answered as questions. Each phrase's landing place is printed, with the totals.
/// </summary>
public sealed class NaturalCommandTests(NaturalCommandHarness harness, ITestOutputHelper output) : IClassFixture<NaturalCommandHarness>
{
    [Fact]
    public void The_corpus_has_at_least_140_requests_and_40_questions_and_names_only_real_commands()
    {
        var corpus = NaturalCommandHarness.Corpus();
        var commands = harness.Bot.Services.GetRequiredService<BotRouter>().Routes.All()
            .Where(route => route.Kind == RouteKinds.Command)
            .Select(route => route.Name)
            .Append(NaturalCommandHarness.Menu)
            .Append(NaturalCommandHarness.Question)
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(corpus.Count(p => p.Expect != NaturalCommandHarness.Question) >= 140, "fewer than 140 requests");
        Assert.True(corpus.Count(p => p.Expect == NaturalCommandHarness.Question) >= 40, "fewer than 40 questions");
        Assert.Empty(corpus.Select(p => p.Expect).Where(expect => !commands.Contains(expect)).Distinct());
        Assert.Equal(corpus.Count, corpus.Select(p => p.Text).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public Task Requests_in_staff_words_reach_the_capability_they_ask_for() =>
        AssertEachLandsAsync(NaturalCommandHarness.Corpus().Where(p => p.Expect != NaturalCommandHarness.Question).ToList());

    [Fact]
    public Task Questions_that_mention_a_capability_are_still_answered_as_questions() =>
        AssertEachLandsAsync(NaturalCommandHarness.Corpus().Where(p => p.Expect == NaturalCommandHarness.Question).ToList());

    private async Task AssertEachLandsAsync(IReadOnlyList<NaturalPhrase> phrases)
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
        Assert.Empty(wrong);
    }
}
