using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.Tests.Cards;

/// <summary>The binder's behaviour for each expression feature, stated outright (the differential tests prove it matches the reference).</summary>
public sealed class CardTemplateBindTests
{
    private static JsonObject Bind(string template, string data) =>
        CardTemplate.Parse("test", template).Bind(JsonNode.Parse(data));

    [Fact]
    public void Whole_expression_keeps_the_value_type()
    {
        var card = Bind("""{ "n": "${n}", "b": "${b}", "o": "${o}", "s": "${s}" }""", """{ "n": 2.5, "b": true, "o": { "x": 1 }, "s": "text" }""");

        Assert.Equal(2.5, card["n"]!.GetValue<double>());
        Assert.True(card["b"]!.GetValue<bool>());
        Assert.Equal(1, card["o"]!["x"]!.GetValue<int>());
        Assert.Equal("text", card["s"]!.GetValue<string>());
    }

    [Fact]
    public void Whole_expression_paths_keep_their_value_through_objects_lists_and_root_and_a_missing_one_still_fails()
    {
        var card = Bind(
            """{ "v": [{ "$data": "${teams}", "deep": "${people[0].role.title}", "list": "${people}", "org": "${$root.org}", "flag": "${people[0].lead}", "nothing": "${people[0].note}" }] }""",
            """{ "org": { "name": "Trust", "beds": 40 }, "teams": [{ "name": "Ward 3", "people": [{ "name": "Ali", "role": { "title": "Sister" }, "lead": true, "note": null }] }] }""");

        var team = card["v"]![0]!;
        Assert.Equal("Sister", team["deep"]!.GetValue<string>());
        Assert.Equal("Ali", team["list"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(40, team["org"]!["beds"]!.GetValue<int>());
        Assert.True(team["flag"]!.GetValue<bool>());
        Assert.Null(team["nothing"]);
        Assert.Throws<CardBindingException>(() => Bind("""{ "v": "${people[0].nickname}" }""", """{ "people": [{ "name": "Ali" }] }"""));
    }

    [Fact]
    public void Embedded_expression_becomes_text()
    {
        var card = Bind("""{ "v": "${n} people, open: ${b}" }""", """{ "n": 12, "b": false }""");

        Assert.Equal("12 people, open: false", card["v"]!.GetValue<string>());
    }

    [Fact]
    public void Nested_properties_indexes_and_root()
    {
        var card = Bind(
            """{ "v": [{ "$data": "${teams}", "t": "${name}: ${people[0].name} of ${$root.org.name}" }] }""",
            """{ "org": { "name": "Trust" }, "teams": [{ "name": "Ward 3", "people": [{ "name": "Ali" }] }] }""");

        Assert.Equal("Ward 3: Ali of Trust", card["v"]![0]!["t"]!.GetValue<string>());
    }

    [Fact]
    public void Data_repeats_an_element_in_place_with_its_index()
    {
        var card = Bind(
            """{ "body": [{ "k": "first" }, { "$data": "${items}", "k": "${$index}:${$data}" }, { "k": "last" }] }""",
            """{ "items": ["a", "b"] }""");

        Assert.Equal(["first", "0:a", "1:b", "last"], card["body"]!.AsArray().Select(n => n!["k"]!.GetValue<string>()));
    }

    [Fact]
    public void Data_scopes_an_object()
    {
        var card = Bind("""{ "v": { "$data": "${person}", "t": "${name}" } }""", """{ "person": { "name": "Sam" } }""");

        Assert.Equal("Sam", card["v"]!["t"]!.GetValue<string>());
    }

    [Fact]
    public void When_false_removes_a_list_element_and_nulls_a_property()
    {
        var card = Bind(
            """{ "body": [{ "$when": "${show}", "k": 1 }, { "k": 2 }], "select": { "$when": "${show}", "k": 3 } }""",
            """{ "show": false }""");

        Assert.Single(card["body"]!.AsArray());
        Assert.True(card.ContainsKey("select"));
        Assert.Null(card["select"]);
    }

    [Theory]
    [InlineData("${count(items) > 1 && !empty(name)}", true)]
    [InlineData("${count(items) >= 3 || name == 'Bo'}", true)]
    [InlineData("${count(items) < 2 || name != 'Bo'}", false)]
    [InlineData("${empty(missing) && !missing}", true)]
    [InlineData("${missing > 0}", false)]
    [InlineData("${name}", false)]
    public void When_evaluates_comparisons_and_logic(string condition, bool shown)
    {
        var card = Bind($$"""{ "body": [{ "$when": "{{condition}}", "k": 1 }] }""", """{ "name": "Bo", "items": [1, 2] }""");

        Assert.Equal(shown, card["body"]!.AsArray().Count == 1);
    }

    [Fact]
    public void Missing_value_throws_naming_card_and_expression()
    {
        var thrown = Assert.Throws<CardBindingException>(() => Bind("""{ "v": "Hello ${firstName}" }""", "{}"));

        Assert.Equal("test", thrown.TemplateName);
        Assert.Equal("${firstName}", thrown.Expression);
        Assert.Contains("firstName", thrown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Binds_a_json_element_like_a_node()
    {
        using var document = JsonDocument.Parse("""{ "n": 1 }""");

        var card = CardTemplate.Parse("test", """{ "v": "${n}" }""").Bind(document.RootElement);

        Assert.Equal(1, card["v"]!.GetValue<double>());
    }

    [Fact]
    public void Binding_does_not_share_nodes_between_cards_or_with_the_data()
    {
        var template = CardTemplate.Parse("test", """{ "o": "${o}", "c": { "fixed": [1] } }""");
        var data = JsonNode.Parse("""{ "o": { "x": 1 } }""");

        var first = template.Bind(data);
        var second = template.Bind(data);
        first["o"]!["x"] = 2;
        first["c"]!["fixed"]!.AsArray().Add(2);

        Assert.Equal(1, second["o"]!["x"]!.GetValue<int>());
        Assert.Single(second["c"]!["fixed"]!.AsArray());
        Assert.Equal(1, data!["o"]!["x"]!.GetValue<int>());
    }

    [Fact]
    public void One_template_binds_safely_from_many_threads()
    {
        var template = CardTemplate.Load(CardPaths.CardFile("welcome"));
        var data = CardPaths.ReadJson(Path.Combine(CardPaths.Cards, "welcome.data.json"));
        var expected = template.Bind(data).ToJsonString();

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = template.Bind(data).ToJsonString());

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Theory]
    [InlineData(0d, "0")]
    [InlineData(1.5, "1.5")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(100d, "100")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(123456.789, "123456.789")]
    public void Numbers_in_text_read_as_javascript_writes_them(double value, string text)
    {
        Assert.Equal(text, LearningBot.Cards.Templating.JsValues.FormatNumber(value));
    }
}
