using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.Tests.Cards;

/// <summary>
/// Every template in <c>cards/</c> (and every fixture in <c>tests/cards/fixtures/</c>), bound with its sample
/// data, must come out exactly as the official adaptivecards-templating library binds it, and the official
/// adaptivecards library must parse the result without a single event.
/// </summary>
public sealed class CardConformanceTests
{
    public static TheoryData<string> Templates => CardPaths.AllTemplates();

    [Theory]
    [MemberData(nameof(Templates))]
    public void Binds_sample_data_exactly_as_the_reference_library_and_parses_cleanly(string template)
    {
        var templateFile = Path.Combine(CardPaths.RepoRoot, template);
        var data = CardPaths.ReadJson(CardCatalog.SampleDataFile(templateFile));
        var bound = CardTemplate.Load(templateFile).Bind(data);

        var reference = ReferenceLibrary.Check(CardPaths.ReadJson(templateFile), data, bound);

        Assert.Null(reference["error"]?.GetValue<string>());
        Assert.Null(JsonSemantics.FirstDifference(reference["card"], bound));
        Assert.Empty(reference["events"]!.AsArray().Select(e => e!.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Every_template_has_sample_data_beside_it(string template)
    {
        var sample = CardCatalog.SampleDataFile(Path.Combine(CardPaths.RepoRoot, template));

        Assert.True(File.Exists(sample), $"{template} needs sample data in {Path.GetFileName(sample)}");
        Assert.IsType<JsonObject>(CardPaths.ReadJson(sample));
    }
}
