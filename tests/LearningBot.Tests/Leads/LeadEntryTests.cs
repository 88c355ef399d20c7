using System.Text.Json.Nodes;
using LearningBot.Leads;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Leads;

/// <summary>
/// A lead's own entry through the bot host, in the shapes <see cref="LeadEntryFeature"/> documents: <c>my lead entry</c>,
/// then <c>lead.save {specialties, alertPreference}</c>.
/// </summary>
public sealed class LeadEntryTests(LeadsHostFixture fixture) : IClassFixture<LeadsHostFixture>, IAsyncLifetime
{
    /// <summary>The seed runs in the background from start-up; a first turn that came before it would find no leads.</summary>
    public Task InitializeAsync() => fixture.Register.EnsureSeededAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_lead_sees_their_entry_and_changes_their_topics_and_alerts()
    {
        var bot = fixture.ForTest();

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "my lead entry").From(LeadsHostFixture.Rohan));

        var card = CardJson.Of(Assert.Single(bot.Connector.Sent));
        var texts = CardJson.Texts(card);
        Assert.Contains("Is this still you?", texts, StringComparison.Ordinal);
        Assert.Contains("Clinical Lead for Dementia Care", texts, StringComparison.Ordinal);
        Assert.Equal("dementia,mental-health-awareness", CardJson.ById(card, "specialties")["value"]!.GetValue<string>());
        Assert.True(CardJson.ById(card, "specialties")["isMultiSelect"]!.GetValue<bool>());
        Assert.Equal(SignalThemes.All.Count, CardJson.ById(card, "specialties")["choices"]!.AsArray().Count);
        Assert.Equal(AlertPreferences.Weekly, CardJson.ById(card, "alertPreference")["value"]!.GetValue<string>());
        Assert.Equal([LeadVerbs.SaveOwn], CardJson.Verbs(card));

        var saved = CardJson.FromInvoke(await SaveOwnAsync(bot, LeadsHostFixture.Rohan, "dementia,end-of-life", AlertPreferences.StraightAway));

        var savedTexts = CardJson.Texts(saved);
        Assert.Contains("Saved: your entry is up to date", savedTexts, StringComparison.Ordinal);
        Assert.Contains("Topics added: End of life care", savedTexts, StringComparison.Ordinal);
        Assert.Contains("Topics removed: Mental health awareness", savedTexts, StringComparison.Ordinal);
        Assert.Contains("Feedback now reaches you straight away (it was once a week)", savedTexts, StringComparison.Ordinal);
        var entry = (await fixture.Register.FindAsync(LeadsHostFixture.Rohan.AadObjectId, CancellationToken.None))!;
        Assert.Equal(["dementia", "end-of-life"], entry.SpecialtyIds());
        Assert.Equal(AlertPreferences.StraightAway, entry.AlertPreference);
        Assert.True(entry.EditedInTeams);
        Assert.Equal(LeadsHostFixture.Rohan.AadObjectId, entry.UpdatedBy);
    }

    [Fact]
    public async Task Saving_the_same_choices_again_changes_nothing_and_says_so()
    {
        var bot = fixture.ForTest();
        await SaveOwnAsync(bot, LeadsHostFixture.Stuart, "moving-and-handling", AlertPreferences.StraightAway);
        var first = (await fixture.Register.FindAsync(LeadsHostFixture.Stuart.AadObjectId, CancellationToken.None))!;

        var again = CardJson.FromInvoke(await SaveOwnAsync(bot, LeadsHostFixture.Stuart, "moving-and-handling", AlertPreferences.StraightAway));

        Assert.Contains("Nothing changed: your entry already said this", CardJson.Texts(again), StringComparison.Ordinal);
        var second = (await fixture.Register.FindAsync(LeadsHostFixture.Stuart.AadObjectId, CancellationToken.None))!;
        Assert.Equal(first.ETag, second.ETag);
    }

    [Fact]
    public async Task A_person_not_in_the_register_is_told_so_and_who_to_ask()
    {
        var bot = fixture.ForTest();

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "my topics").From(TestPerson.Alex));
        var save = await SaveOwnAsync(bot, TestPerson.Alex, "dementia", AlertPreferences.Weekly);

        var answer = Assert.Single(bot.Connector.Sent);
        Assert.Null(answer.Activity.Attachments);
        Assert.Equal(LeadEntryFeature.NotInRegister, answer.Activity.Text);
        Assert.Contains("L&D Support Team", answer.Activity.Text, StringComparison.Ordinal);
        Assert.Equal(LeadEntryFeature.NotInRegister, CardJson.MessageFromInvoke(save));
        Assert.Null(await fixture.Register.FindAsync(TestPerson.Alex.AadObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task An_invalid_save_comes_back_with_the_problems_marked_and_nothing_written()
    {
        var bot = fixture.ForTest();
        var before = (await fixture.Register.FindAsync(LeadsHostFixture.Yetunde.AadObjectId, CancellationToken.None))!;

        var card = CardJson.FromInvoke(await SaveOwnAsync(bot, LeadsHostFixture.Yetunde, string.Empty, "hourly"));

        Assert.True(CardJson.HasId(card, "specialties-problem"));
        Assert.True(CardJson.HasId(card, "alertPreference-problem"));
        Assert.Contains("Please choose at least one topic.", CardJson.Texts(card), StringComparison.Ordinal);
        var after = (await fixture.Register.FindAsync(LeadsHostFixture.Yetunde.AadObjectId, CancellationToken.None))!;
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(["infection-prevention"], after.SpecialtyIds());
    }

    [Fact]
    public async Task A_theme_that_is_not_on_the_list_is_refused()
    {
        var bot = fixture.ForTest();

        var card = CardJson.FromInvoke(await SaveOwnAsync(bot, LeadsHostFixture.Yetunde, "infection-prevention,parking", AlertPreferences.Weekly));

        Assert.True(CardJson.HasId(card, "specialties-problem"));
        Assert.Equal(["infection-prevention"], (await fixture.Register.FindAsync(LeadsHostFixture.Yetunde.AadObjectId, CancellationToken.None))!.SpecialtyIds());
    }

    private static Task<JsonObject> SaveOwnAsync(BotTestHost bot, TestPerson person, string specialties, string preference) =>
        PostAsync(bot, person, LeadVerbs.SaveOwn, new JsonObject { ["specialties"] = specialties, ["alertPreference"] = preference });

    private static async Task<JsonObject> PostAsync(BotTestHost bot, TestPerson person, string verb, JsonObject data)
    {
        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, verb, data).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }
}
