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

    /// <summary>The reference library's check of every template that binds, from one Node process for the class.</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> ReferenceChecks = new(CheckAll);

    [Theory]
    [MemberData(nameof(Templates))]
    public void Binds_sample_data_exactly_as_the_reference_library_and_parses_cleanly(string template)
    {
        var bound = BindSample(template);

        var reference = ReferenceChecks.Value[template];

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

    private static JsonNode BindSample(string template)
    {
        var templateFile = Path.Combine(CardPaths.RepoRoot, template);
        return CardTemplate.Load(templateFile).Bind(CardPaths.ReadJson(CardCatalog.SampleDataFile(templateFile)));
    }

    /// <summary>Templates that do not bind here are left out: their own test binds them again and shows why.</summary>
    private static IReadOnlyDictionary<string, JsonObject> CheckAll()
    {
        var cases = new List<(string Template, JsonNode? TemplateJson, JsonNode? Data, JsonNode Bound)>();
        foreach (var template in CardPaths.AllTemplatePaths())
        {
            var templateFile = Path.Combine(CardPaths.RepoRoot, template);
            try
            {
                var data = CardPaths.ReadJson(CardCatalog.SampleDataFile(templateFile));
                cases.Add((template, CardPaths.ReadJson(templateFile), data, CardTemplate.Load(templateFile).Bind(data)));
            }
            catch (Exception exception) when (exception is CardTemplateException or CardBindingException or IOException or System.Text.Json.JsonException)
            {
            }
        }

        var results = ReferenceLibrary.CheckAll(cases.Select(c => (c.TemplateJson, c.Data, c.Bound)));
        return cases.Select((c, i) => (c.Template, Result: results[i]!.AsObject())).ToDictionary(r => r.Template, r => r.Result);
    }
}
