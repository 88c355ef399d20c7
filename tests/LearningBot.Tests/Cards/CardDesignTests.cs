using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.Tests.Cards;

/// <summary>Every product card, bound with its sample data, follows the design rules for Teams, phones and themes.</summary>
public sealed class CardDesignTests
{
    public static TheoryData<string> Cards => CardPaths.CardNames();

    [Theory]
    [MemberData(nameof(Cards))]
    public void Uses_schema_version_1_5(string card) => Assert.Empty(CardDesignRules.Version(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Stays_within_80_KB_as_UTF16(string card) => Assert.Empty(CardDesignRules.Size(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Stays_under_28_KB_as_sent_with_its_largest_realistic_data(string card)
    {
        var largest = LargestCardData.Of(card);
        var template = CardTemplate.Load(CardPaths.CardFile(card));

        // A card that can be larger goes in its shorter form then (CardFit), so that form is what Teams gets.
        var sent = LargestCardData.Shorter(card, largest) is { } shorter && LargestCardData.SizeAsSent(template.Bind(largest)) > CardFit.MaxMessageBytes
            ? template.Bind(shorter)
            : template.Bind(largest);

        Assert.InRange(LargestCardData.SizeAsSent(sent), 1, CardFit.MaxMessageBytes);
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void Has_a_known_limit_for_every_list_it_shows(string card) => Assert.Empty(LargestCardData.UncappedLists(card));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Has_at_most_six_actions_per_set(string card) => Assert.Empty(CardDesignRules.ActionCounts(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Has_no_fixed_pixel_sizes(string card) => Assert.Empty(CardDesignRules.PixelSizes(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Wraps_all_text(string card) => Assert.Empty(CardDesignRules.TextWraps(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Puts_each_execute_action_in_an_action_set_with_a_submit_fallback(string card) =>
        Assert.Empty(CardDesignRules.ExecuteActions(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Gives_every_submit_a_verb(string card) => Assert.Empty(CardDesignRules.SubmitVerbs(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Labels_inputs_and_explains_required_ones(string card) => Assert.Empty(CardDesignRules.Inputs(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Keeps_button_titles_short_enough_not_to_be_clipped(string card) =>
        Assert.Empty(CardDesignRules.ActionTitles(CardPaths.ReadJson(CardPaths.CardFile(card))!.AsObject()));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Keeps_bound_button_titles_short_with_the_sample_data(string card) =>
        Assert.Empty(CardDesignRules.BoundActionTitles(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Keeps_bound_button_titles_short_when_the_values_are_as_long_as_they_get(string card)
    {
        var data = LongCardData.For(card, CardPaths.ReadJson(CardCatalog.SampleDataFile(CardPaths.CardFile(card)))!);

        Assert.Empty(CardDesignRules.BoundActionTitles(CardTemplate.Load(CardPaths.CardFile(card)).Bind(data)));
    }

    [Theory]
    [MemberData(nameof(Cards))]
    public void Keeps_every_button_title_short_with_long_values_whatever_the_card_shows(string card) =>
        Assert.Empty(LongCardData.TitleProblems(card, CardPaths.ReadJson(CardPaths.CardFile(card))!.AsObject()));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Says_in_the_label_when_an_input_is_required(string card) => Assert.Empty(CardDesignRules.RequiredLabels(BindSample(card)));

    [Theory]
    [MemberData(nameof(Cards))]
    public void Never_relies_on_colour_alone(string card) => Assert.Empty(CardDesignRules.ThemeSafety(BindSample(card)));

    [Fact]
    public void The_input_fixture_satisfies_the_rules_too()
    {
        var form = BindFile(Path.Combine(CardPaths.Fixtures, "input-form.json"));

        Assert.Empty(CardDesignRules.Inputs(form).Concat(CardDesignRules.ExecuteActions(form)).Concat(CardDesignRules.TextWraps(form)));
    }

    [Fact]
    public void Rules_catch_a_card_that_breaks_them()
    {
        var bad = JsonNode.Parse("""
            {
              "type": "AdaptiveCard", "version": "1.6",
              "body": [
                { "type": "TextBlock", "text": "No wrap", "color": "attention" },
                { "type": "Container", "color": "good", "items": [] },
                { "type": "Image", "url": "https://example.org/a.png", "width": "200px" },
                { "type": "Input.Text", "id": "x", "isRequired": true },
                { "type": "ActionSet", "actions": [
                  { "type": "Action.Execute", "title": "Go", "verb": "go", "data": { "k": 1 }, "fallback": { "type": "Action.Submit", "title": "Go", "data": { "verb": "went" } } },
                  { "type": "Action.Submit", "title": "A" }, { "type": "Action.Submit", "title": "B", "data": { "verb": "b" } },
                  { "type": "Action.Submit", "title": "C", "data": { "verb": "c" } }, { "type": "Action.Submit", "title": "D", "data": { "verb": "d" } },
                  { "type": "Action.Submit", "title": "E", "data": { "verb": "e" }, "style": "destructive" }, { "type": "Action.Submit", "title": "F", "data": { "verb": "f" } }
                ] }
              ],
              "actions": [{ "type": "Action.Execute", "title": "Loose", "verb": "loose" }]
            }
            """)!.AsObject();

        Assert.Single(CardDesignRules.Version(bad));
        Assert.Single(CardDesignRules.ActionCounts(bad));
        Assert.Single(CardDesignRules.PixelSizes(bad));
        Assert.Single(CardDesignRules.TextWraps(bad));
        Assert.Equal(4, CardDesignRules.ExecuteActions(bad).Count());
        Assert.Single(CardDesignRules.SubmitVerbs(bad));
        Assert.Equal(2, CardDesignRules.Inputs(bad).Count());
        Assert.Equal(3, CardDesignRules.ThemeSafety(bad).Count());
    }

    [Fact]
    public void Bound_title_rule_catches_long_buttons_and_selectable_elements_that_do_not_show_their_name()
    {
        const string Long = "The Oliver McGowan Mandatory Training on Learning Disability and Autism";
        var bad = JsonNode.Parse($$"""
            {
              "type": "AdaptiveCard", "version": "1.5",
              "body": [
                { "type": "ActionSet", "actions": [{ "type": "Action.OpenUrl", "title": "Email {{LongCardData.LongName}}", "url": "mailto:a@example.org" }] },
                { "type": "Container", "items": [{ "type": "TextBlock", "text": "{{Long}}", "wrap": true }],
                  "selectAction": { "type": "Action.Execute", "title": "{{Long}}", "verb": "ask.article",
                    "fallback": { "type": "Action.Submit", "title": "{{Long}}", "data": { "verb": "ask.article" } } } },
                { "type": "Container", "items": [{ "type": "TextBlock", "text": "Something else", "wrap": true }],
                  "selectAction": { "type": "Action.Execute", "title": "{{Long}}", "verb": "ask.article" } },
                { "type": "Container", "items": [{ "type": "TextBlock", "text": "{{Long}}" }],
                  "selectAction": { "type": "Action.Execute", "title": "{{Long}}", "verb": "ask.article" } }
              ]
            }
            """)!.AsObject();

        var problems = CardDesignRules.BoundActionTitles(bad).ToList();

        Assert.Equal(3, problems.Count);
        Assert.StartsWith("$.body[0].actions[0]:", problems[0], StringComparison.Ordinal);
        Assert.StartsWith("$.body[2]:", problems[1], StringComparison.Ordinal);
        Assert.StartsWith("$.body[3]:", problems[2], StringComparison.Ordinal);
        Assert.DoesNotContain(CardDesignRules.ExecuteActions(bad), p => p.StartsWith("$.body[1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Long_values_make_a_title_with_a_name_too_long_and_an_unknown_value_is_named()
    {
        var template = JsonNode.Parse("""
            { "type": "AdaptiveCard", "version": "1.5", "body": [
              { "type": "ActionSet", "actions": [{ "type": "Action.OpenUrl", "title": "Email ${name}", "url": "mailto:${email}" }] },
              { "type": "ActionSet", "actions": [{ "type": "Action.OpenUrl", "title": "Call ${phoneName}", "url": "tel:1" }] }
            ] }
            """)!.AsObject();

        var data = LongCardData.For("person", JsonNode.Parse("""{ "name": "Sam Reid", "email": "sam@example.org", "phoneName": "Sam" }""")!);

        Assert.Equal(LongCardData.LongName, data["name"]!.GetValue<string>());
        Assert.Equal("sam@example.org", data["email"]!.GetValue<string>());
        Assert.Single(CardDesignRules.BoundActionTitles(CardTemplate.Parse("person", template.ToJsonString()).Bind(data)));
        var problems = LongCardData.TitleProblems("person", template).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains(LongCardData.LongName, problems[0], StringComparison.Ordinal);
        Assert.Contains("${phoneName}, which has no long value", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Size_counts_utf16_bytes()
    {
        var card = new JsonObject { ["t"] = new string('é', 100) };

        Assert.Equal(2 * card.ToJsonString().Length, CardDesignRules.Utf16Size(card));
    }

    private static JsonObject BindSample(string card) => BindFile(CardPaths.CardFile(card));


    private static JsonObject BindFile(string templateFile) =>
        CardTemplate.Load(templateFile).Bind(CardPaths.ReadJson(CardCatalog.SampleDataFile(templateFile)));
}
