using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearningBot.Leads;
using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Leads;

/// <summary>
/// The L&amp;D Support Team's register through the bot host, in the shapes <see cref="LeadRegisterFeature"/> documents:
/// <c>leads</c>, <c>add lead</c>, <c>leads.page</c>, <c>leads.edit</c>, <c>leads.save</c>, <c>leads.retire</c> and
/// <c>leads.retire.confirm</c>.
/// </summary>
public sealed partial class LeadRegisterTests(LeadsHostFixture fixture) : IClassFixture<LeadsHostFixture>, IAsyncLifetime
{
    /// <summary>The seed runs in the background from start-up; a first turn that came before it would find no leads.</summary>
    public Task InitializeAsync() => fixture.Register.EnsureSeededAsync(CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly TestPerson Support = LeadsHostFixture.Support;

    [Fact]
    public async Task The_support_team_lists_the_register_a_page_at_a_time_grouped_by_kind_of_organisation()
    {
        var bot = fixture.ForTest();

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "leads").From(Support));

        var first = CardJson.Of(Assert.Single(bot.Connector.Sent));
        var pageText = CardJson.ById(first, "page-text")["text"]!.GetValue<string>();
        Assert.Matches(PageOne(), pageText);
        Assert.Equal(10, CardJson.Actions(first, LeadVerbs.Edit).Count);
        Assert.Equal(10, CardJson.Actions(first, LeadVerbs.Retire).Count);
        Assert.Contains("Hospital trust", CardJson.Texts(first), StringComparison.Ordinal);
        Assert.Equal(2, CardJson.ActionByVerb(first, LeadVerbs.Page)["data"]!["page"]!.GetValue<int>());
        Assert.NotNull(CardJson.ActionByTitle(first, "Add a lead"));
        Assert.Null(CardJson.ActionByTitle(first, "Previous"));

        var second = CardJson.FromInvoke(await PostAsync(bot, Support, LeadVerbs.Page, new JsonObject { ["page"] = 2 }));

        Assert.StartsWith("Leads 11 to 20 of ", CardJson.ById(second, "page-text")["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(CardJson.ActionByTitle(second, "Previous"));
    }

    [Fact]
    public async Task The_support_team_adds_a_lead_by_email_and_they_then_hold_the_lead_role()
    {
        var bot = fixture.ForTest();
        Assert.False(await fixture.IsLeadAsync(LeadsHostFixture.Tom));
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "add lead").From(Support));
        var form = CardJson.Of(Assert.Single(bot.Connector.Sent));
        var formId = CardJson.ActionByVerb(form, LeadVerbs.Save)["data"]!["formId"]!.GetValue<string>();

        var answer = CardJson.FromInvoke(await SaveAsync(bot, NewLead("tom.okafor@community.example", formId)));

        Assert.Equal("Added Tom Okafor to the register.", CardJson.ById(answer, "notice")["text"]!.GetValue<string>());
        var entry = (await fixture.Register.FindAsync(LeadsHostFixture.Tom.AadObjectId, CancellationToken.None))!;
        Assert.Equal("Tom Okafor", entry.Name);
        Assert.Equal("Dementia Champion", entry.RoleTitle);
        Assert.Equal(["dignity-and-respect", "dementia"], entry.SpecialtyIds()); // in the theme list's order
        Assert.Equal(Support.AadObjectId, entry.UpdatedBy);
        Assert.True(await fixture.IsLeadAsync(LeadsHostFixture.Tom));

        bot.Connector.Reset();
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "lead entry").From(LeadsHostFixture.Tom));
        Assert.Contains("Is this still you?", CardJson.Texts(CardJson.Of(Assert.Single(bot.Connector.Sent))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_pressed_twice_adds_one_entry_and_a_second_form_for_the_same_person_is_refused()
    {
        var bot = fixture.ForTest();
        var formId = Guid.NewGuid().ToString("N");
        var key = LeadsHostFixture.Grace.AadObjectId;

        var answers = await Task.WhenAll(SaveAsync(bot, NewLead(key, formId)), SaveAsync(bot, NewLead(key, formId)));

        Assert.All(answers, answer => Assert.Equal("Added Grace Lewis to the register.",
            CardJson.ById(CardJson.FromInvoke(answer), "notice")["text"]!.GetValue<string>()));
        var entries = await fixture.Register.ListAsync(CancellationToken.None);
        Assert.Single(entries, e => e.PersonKey == key);

        var another = CardJson.FromInvoke(await SaveAsync(bot, NewLead(key, Guid.NewGuid().ToString("N"))));
        Assert.True(CardJson.HasId(another, "person-problem"));
        Assert.Contains("Grace Lewis is already in the register", CardJson.Texts(another), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_add_comes_back_with_the_problems_marked_and_nothing_written()
    {
        var bot = fixture.ForTest();
        var before = (await fixture.Register.ListAsync(CancellationToken.None)).Count;

        var unknown = CardJson.FromInvoke(await SaveAsync(bot, NewLead("nobody@community.example", Guid.NewGuid().ToString("N"))));
        var incomplete = CardJson.FromInvoke(await SaveAsync(bot, NewLead(LeadsHostFixture.Kwame.AadObjectId, Guid.NewGuid().ToString("N"),
            specialties: string.Empty, kind: "space-station", roleTitle: string.Empty)));

        Assert.True(CardJson.HasId(unknown, "person-problem"));
        Assert.Contains("I can't find anyone with that email address or Entra object id", CardJson.Texts(unknown), StringComparison.Ordinal);
        Assert.False(CardJson.HasId(incomplete, "person-problem"));
        Assert.True(CardJson.HasId(incomplete, "specialties-problem"));
        Assert.True(CardJson.HasId(incomplete, "organisationKind-problem"));
        Assert.True(CardJson.HasId(incomplete, "roleTitle-problem"));
        Assert.Contains("Please check the 3 answers marked below.", CardJson.Texts(incomplete), StringComparison.Ordinal);
        Assert.Equal(before, (await fixture.Register.ListAsync(CancellationToken.None)).Count);
        Assert.False(await fixture.IsLeadAsync(LeadsHostFixture.Kwame));
    }

    [Fact]
    public async Task Identifiers_typed_into_the_form_are_removed_and_shown_before_anything_is_saved()
    {
        var bot = fixture.ForTest();

        var card = CardJson.FromInvoke(await SaveAsync(bot, NewLead(LeadsHostFixture.Kwame.AadObjectId, Guid.NewGuid().ToString("N"),
            roleTitle: "Ward manager, call 07700 900123")));

        Assert.True(CardJson.HasId(card, "removed-note"));
        Assert.DoesNotContain("07700 900123", CardJson.ById(card, "roleTitle")["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(await fixture.Register.FindAsync(LeadsHostFixture.Kwame.AadObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task The_support_team_edits_a_lead_and_the_seed_then_leaves_the_entry_alone()
    {
        var bot = fixture.ForTest();

        var form = CardJson.FromInvoke(await PostAsync(bot, Support, LeadVerbs.Edit, new JsonObject { ["personKey"] = LeadsHostFixture.Callum.AadObjectId }));
        Assert.Equal("Moving and Handling Adviser", CardJson.ById(form, "roleTitle")["value"]!.GetValue<string>());
        Assert.False(CardJson.HasId(form, "person"));
        var data = CardJson.ActionByVerb(form, LeadVerbs.Save)["data"]!.AsObject();

        var answer = CardJson.FromInvoke(await SaveAsync(bot, new JsonObject
        {
            ["personKey"] = data["personKey"]!.GetValue<string>(), ["formId"] = data["formId"]!.GetValue<string>(),
            ["roleTitle"] = "Moving and Handling Lead", ["organisation"] = "City General Hospital NHS Foundation Trust",
            ["organisationKind"] = "acute-trust", ["specialties"] = "moving-and-handling,dignity-and-respect", ["alertPreference"] = "straight-away",
        }));

        Assert.Equal("Saved Callum Strachan's entry.", CardJson.ById(answer, "notice")["text"]!.GetValue<string>());
        var entry = (await fixture.Register.FindAsync(LeadsHostFixture.Callum.AadObjectId, CancellationToken.None))!;
        Assert.Equal("Moving and Handling Lead", entry.RoleTitle);
        Assert.Equal(["dignity-and-respect", "moving-and-handling"], entry.SpecialtyIds());
        Assert.True(entry.EditedInTeams);

        var seed = await new LeadSeedFile(Path.Combine(RepoPaths.Root, "knowledge", "whos-who.json")).ReadAsync(CancellationToken.None);
        await fixture.Register.SeedAsync(seed!, CancellationToken.None);
        Assert.Equal("Moving and Handling Lead", (await fixture.Register.FindAsync(LeadsHostFixture.Callum.AadObjectId, CancellationToken.None))!.RoleTitle);
    }

    [Fact]
    public async Task Retiring_asks_first_keeps_the_row_and_takes_the_lead_role_away()
    {
        var bot = fixture.ForTest();
        var hannah = LeadsHostFixture.Hannah.AadObjectId;
        Assert.True(await fixture.IsLeadAsync(LeadsHostFixture.Hannah));

        var ask = CardJson.FromInvoke(await PostAsync(bot, Support, LeadVerbs.Retire, new JsonObject { ["personKey"] = hannah }));
        Assert.Contains("Retire Hannah Lindqvist?", CardJson.Texts(ask), StringComparison.Ordinal);
        Assert.Equal([LeadVerbs.ConfirmRetire, LeadVerbs.Page], CardJson.Verbs(ask));
        Assert.True(await fixture.IsLeadAsync(LeadsHostFixture.Hannah));

        var answers = await Task.WhenAll(
            PostAsync(bot, Support, LeadVerbs.ConfirmRetire, new JsonObject { ["personKey"] = hannah }),
            PostAsync(bot, Support, LeadVerbs.ConfirmRetire, new JsonObject { ["personKey"] = hannah }));

        Assert.All(answers, answer => Assert.Equal("Retired Hannah Lindqvist. Their entry is kept, marked retired.",
            CardJson.ById(CardJson.FromInvoke(answer), "notice")["text"]!.GetValue<string>()));
        var entry = Assert.Single(await fixture.Register.ListAsync(CancellationToken.None), e => e.PersonKey == hannah);
        Assert.True(entry.Retired);
        Assert.NotNull(entry.RetiredAt);
        Assert.Equal(["nutrition-and-hydration"], entry.SpecialtyIds());
        Assert.False(await fixture.IsLeadAsync(LeadsHostFixture.Hannah));

        bot.Connector.Reset();
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "my lead entry").From(LeadsHostFixture.Hannah));
        Assert.Equal(LeadEntryFeature.NotInRegister, Assert.Single(bot.Connector.Sent).Activity.Text);
    }

    [Theory]
    [InlineData(LeadVerbs.Edit)]
    [InlineData(LeadVerbs.Retire)]
    public async Task A_blank_person_key_on_edit_or_retire_is_answered_as_no_such_lead(string verb)
    {
        var bot = fixture.ForTest();

        var answer = await PostAsync(bot, Support, verb, new JsonObject { ["personKey"] = " \t " });

        Assert.Equal(LeadRegisterFeature.LeadGone, CardJson.MessageFromInvoke(answer));
    }

    [Fact]
    public async Task Someone_outside_the_support_team_cannot_list_add_edit_or_retire()
    {
        var bot = fixture.ForTest();
        var before = await fixture.Register.FindAsync(LeadsHostFixture.Rohan.AadObjectId, CancellationToken.None);
        var outsider = LeadsHostFixture.Rohan; // a lead, but not in the support team

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "leads").From(outsider));
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "add lead").From(outsider));
        var answers = await Task.WhenAll(
            PostAsync(bot, outsider, LeadVerbs.Save, NewLead(LeadsHostFixture.Kwame.AadObjectId, Guid.NewGuid().ToString("N"))),
            PostAsync(bot, outsider, LeadVerbs.Edit, new JsonObject { ["personKey"] = outsider.AadObjectId }),
            PostAsync(bot, outsider, LeadVerbs.Save, Edited(outsider.AadObjectId)),
            PostAsync(bot, outsider, LeadVerbs.Retire, new JsonObject { ["personKey"] = outsider.AadObjectId }),
            PostAsync(bot, outsider, LeadVerbs.ConfirmRetire, new JsonObject { ["personKey"] = outsider.AadObjectId }));

        Assert.Equal(2, bot.Connector.Sent.Count);
        Assert.All(bot.Connector.Sent, sent => Assert.Contains("only for the L&D Support Team", sent.Activity.Text, StringComparison.Ordinal));
        Assert.All(answers, answer => Assert.Contains("only for the L&D Support Team", CardJson.MessageFromInvoke(answer), StringComparison.Ordinal));
        Assert.Null(await fixture.Register.FindAsync(LeadsHostFixture.Kwame.AadObjectId, CancellationToken.None));
        var after = (await fixture.Register.FindAsync(outsider.AadObjectId, CancellationToken.None))!;
        Assert.Equal(before!.ETag, after.ETag);
        Assert.False(after.Retired);
    }

    private static JsonObject NewLead(string person, string formId, string specialties = "dementia,dignity-and-respect", string kind = "voluntary-sector",
        string roleTitle = "Dementia Champion") => new()
    {
        ["personKey"] = string.Empty, ["formId"] = formId, ["person"] = person, ["roleTitle"] = roleTitle,
        ["organisation"] = "Harbour Lane Community Trust", ["organisationKind"] = kind, ["specialties"] = specialties, ["alertPreference"] = "weekly",
    };

    private static JsonObject Edited(string personKey) => new()
    {
        ["personKey"] = personKey, ["formId"] = string.Empty, ["roleTitle"] = "Changed", ["organisation"] = "Changed",
        ["organisationKind"] = "council", ["specialties"] = "other", ["alertPreference"] = "weekly",
    };

    private static Task<JsonObject> SaveAsync(BotTestHost bot, JsonObject data) => PostAsync(bot, Support, LeadVerbs.Save, data);

    private static async Task<JsonObject> PostAsync(BotTestHost bot, TestPerson person, string verb, JsonObject data)
    {
        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, verb, data).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }

    [GeneratedRegex(@"^Leads 1 to 10 of \d+, page 1 of \d+\.$")]
    private static partial Regex PageOne();
}
