using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Cards;

/// <summary>Server-side checks of submitted card values, using the input fixture (checked against the reference library).</summary>
public sealed class CardSubmissionTests
{
    private static readonly JsonObject Form = CardTemplate.Load(Path.Combine(CardPaths.Fixtures, "input-form.json"))
        .Bind(CardPaths.ReadJson(Path.Combine(CardPaths.Fixtures, "input-form.data.json")));

    private static JsonObject Valid() => JsonNode.Parse("""
        {
          "verb": "fixture.send", "form": "booking", "title": "Moving and handling", "reference": "AB1234",
          "people": "3", "format": "online", "days": "mon,fri", "start": "2026-03-02", "consent": "true"
        }
        """)!.AsObject();

    [Fact]
    public void Accepts_a_submission_that_meets_every_rule()
    {
        Assert.Empty(CardSubmission.Validate(Form, Valid()));
    }

    [Theory]
    [InlineData("title", "", "This needs an answer.")]
    [InlineData("title", "   ", "This needs an answer.")]
    [InlineData("title", "A title that is far too long to fit in forty characters", "This is 55 characters long; the limit is 40.")]
    [InlineData("reference", "ab1234", "This is not in the expected format.")]
    [InlineData("people", "lots", "This needs to be a number.")]
    [InlineData("people", "0", "This needs to be 1 or more.")]
    [InlineData("people", "13", "This needs to be 12 or less.")]
    [InlineData("format", "carrier pigeon", "This needs to be one of the options given.")]
    [InlineData("format", "", "This needs an answer.")]
    [InlineData("days", "mon,sun", "This needs to be one of the options given.")]
    [InlineData("start", "2/3/2026", "This needs to be a date.")]
    [InlineData("start", "2025-12-31", "This needs to be 1 January 2026 or later.")]
    [InlineData("start", "2027-01-01", "This needs to be 31 December 2026 or earlier.")]
    [InlineData("start", "0001-01-01", "This needs to be 1 January 2026 or later.")]
    [InlineData("start", "9999-12-31", "This needs to be 31 December 2026 or earlier.")]
    [InlineData("start", "2026-02-31", "This needs to be a date.")]
    [InlineData("start", "2026-3-2", "This needs to be a date.")]
    [InlineData("start", "2026-03-02T09:00:00+01:00", "This needs to be a date.")]
    [InlineData("start", "2026-03-02+01:00", "This needs to be a date.")]
    [InlineData("start", " 2026-03-02", "This needs to be a date.")]
    [InlineData("start", "+2026-03-02", "This needs to be a date.")]
    [InlineData("consent", "false", "This needs to be ticked.")]
    public void Reports_the_broken_rule(string inputId, string value, string problem)
    {
        var submitted = Valid();
        submitted[inputId] = value;

        var found = Assert.Single(CardSubmission.Validate(Form, submitted));

        Assert.Equal(inputId, found.InputId);
        Assert.Equal(problem, found.Problem);
    }

    [Theory]
    [InlineData("title", "true")]
    [InlineData("title", "42")]
    [InlineData("format", "[\"online\"]")]
    [InlineData("consent", "true")]
    [InlineData("start", "{\"date\": \"2026-03-02\"}")]
    [InlineData("start", "20260302")]
    [InlineData("start", "1772409600")]
    public void A_value_no_card_sends_is_marked_and_not_kept(string inputId, string json)
    {
        var submitted = Valid();
        submitted[inputId] = JsonNode.Parse(json);

        var found = Assert.Single(CardSubmission.Validate(Form, submitted));
        var again = CardSubmission.WithProblemsMarked(Form, submitted, [found]);

        Assert.Equal(inputId, found.InputId);
        Assert.Equal("This answer could not be read. Please enter it again.", found.Problem);
        Assert.False(CardJson.ById(again, inputId).ContainsKey("value"));
    }

    [Fact]
    public void A_number_input_may_arrive_as_a_number()
    {
        var submitted = Valid();
        submitted["people"] = 3;

        Assert.Empty(CardSubmission.Validate(Form, submitted));
    }

    [Fact]
    public void Missing_required_values_are_reported_with_the_cards_error_message()
    {
        var problems = CardSubmission.Validate(Form, new JsonObject { ["verb"] = "fixture.send" });

        Assert.Equal(["title", "people", "format", "consent"], problems.Select(p => p.InputId));
        Assert.Equal("Please say what you would like to learn, in 40 characters or fewer.", problems[0].Message);
    }

    [Fact]
    public void Optional_inputs_may_be_left_empty()
    {
        var submitted = Valid();
        submitted.Remove("reference");
        submitted["days"] = "";

        Assert.Empty(CardSubmission.Validate(Form, submitted));
    }

    [Fact]
    public void Re_renders_with_values_kept_and_each_problem_in_words_beneath_its_input()
    {
        var submitted = Valid();
        submitted["people"] = "40";
        submitted["title"] = "";
        var problems = CardSubmission.Validate(Form, submitted);

        var marked = CardSubmission.WithProblemsMarked(Form, submitted, problems);

        var body = marked["body"]!.AsArray();
        Assert.Equal("Please check the 2 answers marked below.", body[0]!["text"]!.GetValue<string>());
        var titleIndex = body.IndexOf(body.First(n => n!["id"]?.GetValue<string>() == "title"));
        var titleProblem = body[titleIndex + 1]!;
        Assert.Equal("TextBlock", titleProblem["type"]!.GetValue<string>());
        Assert.Equal("attention", titleProblem["color"]!.GetValue<string>());
        Assert.Equal("Please say what you would like to learn, in 40 characters or fewer.", titleProblem["text"]!.GetValue<string>());
        var container = body.First(n => n!["type"]!.GetValue<string>() == "Container")!["items"]!.AsArray();
        Assert.Equal(40, container[0]!["value"]!.GetValue<double>());
        Assert.Equal("Enter a number from 1 to 12.", container[1]!["text"]!.GetValue<string>());
        Assert.Equal("online", container[2]!["value"]!.GetValue<string>());
        Assert.Empty(CardDesignRules.ThemeSafety(marked).Concat(CardDesignRules.TextWraps(marked)));
        Assert.False(Form["body"]![1]!.AsObject().ContainsKey("value"), "the bound card itself is left unchanged");
    }

    [Fact]
    public void Re_rendered_card_still_parses_cleanly_in_the_reference_library()
    {
        var submitted = Valid();
        submitted["consent"] = "false";
        var marked = CardSubmission.WithProblemsMarked(Form, submitted, CardSubmission.Validate(Form, submitted));

        var reference = ReferenceLibrary.Check(new JsonObject(), new JsonObject(), marked);

        Assert.Empty(reference["events"]!.AsArray());
    }

    [Fact]
    public void Reads_submitted_values_from_an_invoke_or_message_value()
    {
        using var document = JsonDocument.Parse("""{ "verb": "fixture.send", "title": "x", "people": 4 }""");

        var submitted = new CardActionRequest("fixture.send", document.RootElement).Submitted();

        Assert.Equal("x", submitted["title"]!.GetValue<string>());
        Assert.Empty(new CardActionRequest("fixture.send", default).Submitted());
        Assert.Equal("This needs to be 12 or less.", CardSubmission.Validate(Form, new JsonObject { ["people"] = 40 }).Single(p => p.InputId == "people").Problem);
    }
}
