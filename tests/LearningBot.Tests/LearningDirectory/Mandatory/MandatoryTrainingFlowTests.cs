using System.Text.Json.Nodes;
using LearningBot.LearningDirectory.Mandatory;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.LearningDirectory.Mandatory;

/// <summary>Statutory and mandatory training through the real bot, on the sample offers in table storage.</summary>
public sealed class MandatoryTrainingFlowTests(DirectoryHostFixture fixture) : IClassFixture<DirectoryHostFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Where_do_I_do_my_BLS_lands_on_resuscitation_with_how_each_kind_of_organisation_runs_it_and_bookable_sessions()
    {
        var card = await AskAsync("where do I do my BLS");

        var text = CardJson.Texts(card);
        Assert.Contains("Resuscitation", text, StringComparison.Ordinal);
        Assert.Contains("Typically every year", text, StringComparison.Ordinal);
        Assert.Contains("Run by hospital trusts", text, StringComparison.Ordinal);
        Assert.Contains("Adult basic life support", text, StringComparison.Ordinal);
        Assert.Contains("Run by the ambulance trust", text, StringComparison.Ordinal);
        Assert.Contains("Paediatric basic life support", text, StringComparison.Ordinal);
        Assert.Contains("Next dates", text, StringComparison.Ordinal);
        Assert.Contains("Sample offer", text, StringComparison.Ordinal);
        Assert.Contains(CardJson.Descendants(card), n => CardJson.Type(n) == "Action.OpenUrl"
            && n["url"]!.GetValue<string>() == "https://academy.cityambulance.example.org/book/cas-paediatric-bls");
        Assert.DoesNotContain("Fire safety", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redoing_fire_safety_on_moving_to_the_council_lands_on_fire_safety_with_the_passport_explanation_first()
    {
        var card = await AskAsync("do I have to redo fire safety if I move to the council?");

        var text = CardJson.Texts(card);
        Assert.Contains("Fire safety", text, StringComparison.Ordinal);
        Assert.Contains("Fire safety and evacuation for ward staff", text, StringComparison.Ordinal);
        Assert.Contains("Fire safety in care settings", text, StringComparison.Ordinal);
        Assert.Contains("recognise your in-date training", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Moving to another organisation?", StringComparison.Ordinal) < text.IndexOf("How our organisations deliver it", StringComparison.Ordinal),
            "The passport explanation comes before the courses when the question is about moving.");
        Assert.Contains("the city council", text[text.IndexOf("Not in the directory yet", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var passport = CardJson.ActionByTitle(card, "About training passports");
        Assert.Equal("training-passports", passport!["data"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_course_search_or_a_question_about_recognition_in_general_is_not_taken_by_the_mandatory_answer()
    {
        var bls = CardJson.Texts(await AskAsync("BLS refresher"));
        Assert.DoesNotContain("Statutory and mandatory training", bls, StringComparison.Ordinal);
        Assert.Contains("Adult basic life support", bls, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mandatory_training_lists_every_topic_with_its_refresher_period_and_choosing_one_shows_how_it_is_delivered()
    {
        var bot = fixture.ForTest();
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "mandatory training").From(TestPerson.Priya));
        var list = CardJson.Of(Assert.Single(bot.Connector.Sent));
        Assert.Equal(12, CardJson.FirstOfType(list, "FactSet")["facts"]!.AsArray().Count);
        Assert.Contains("Oliver McGowan training on learning disability and autism", CardJson.Texts(list), StringComparison.Ordinal);

        var refused = await PressAsync(bot, new JsonObject { ["topic"] = string.Empty });
        Assert.DoesNotContain("How our organisations deliver it", CardJson.Texts(refused), StringComparison.Ordinal);
        Assert.True(CardJson.HasId(refused, "topic"));

        var shown = CardJson.Texts(await PressAsync(bot, new JsonObject { ["topic"] = "fire-safety" }));
        Assert.Contains("Fire safety and evacuation for ward staff", shown, StringComparison.Ordinal);
        Assert.Contains("Typically every 1 to 2 years", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mandatory_training_with_a_topic_goes_straight_to_it()
    {
        var bot = fixture.ForTest();
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "mandatory training oliver mcgowan").From(TestPerson.Priya));

        var text = CardJson.Texts(CardJson.Of(Assert.Single(bot.Connector.Sent)));
        Assert.Contains("Run by mental health trusts", text, StringComparison.Ordinal);
        Assert.Contains("not a Core Skills Training Framework subject", text, StringComparison.Ordinal);
    }

    private async Task<JsonObject> AskAsync(string question)
    {
        var bot = fixture.ForTest();
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, question).From(TestPerson.Priya));
        return CardJson.Of(Assert.Single(bot.Connector.Sent));
    }

    private static async Task<JsonObject> PressAsync(BotTestHost bot, JsonObject data)
    {
        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, MandatoryVerbs.Show, data).From(TestPerson.Priya));
        return CardJson.FromInvoke(await BotTestHost.ReadJsonAsync(response));
    }
}
