using System.Text.Json;
using LearningBot.GoodPractice;
using LearningBot.Privacy;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.GoodPractice.Finding;

/// <summary>The relevance set's 40 examples (Relevance/examples.json) as approved examples, for searching without storage.</summary>
internal static class RelevanceExamples
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    public static IReadOnlyList<GoodPracticeExample> Approved { get; } = Load();

    private static List<GoodPracticeExample> Load()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "LearningBot.Tests", "GoodPractice", "Relevance", "examples.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("examples").EnumerateArray().Select(Example)];
    }

    private static GoodPracticeExample Example(JsonElement item)
    {
        string Text(string name) => item.GetProperty(name).GetString() ?? string.Empty;
        ScrubbedText Scrubbed(string name) => PersonalDataScrubber.Scrub(Text(name), Today);
        return GoodPracticeExample.Start(Text("id"), "contributor", "Kim Hart", DateTimeOffset.Parse("2026-11-01T10:00:00Z"))
            .WithStory(Scrubbed("title"), Scrubbed("problem"), Scrubbed("whatWeDid"))
            .WithResults(Scrubbed("whatChanged"), Scrubbed("whatWeWouldDoDifferently")) with
        {
            Status = ExampleStatus.Approved,
            OrganisationKind = Text("organisationKind"),
            Topics = string.Join(',', item.GetProperty("topics").EnumerateArray().Select(topic => topic.GetString())),
            Attribution = Attributions.OrganisationOnly,
        };
    }
}
