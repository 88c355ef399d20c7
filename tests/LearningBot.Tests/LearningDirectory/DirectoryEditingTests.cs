using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.LearningDirectory.Editing;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>
/// Keeping the directory current in Teams, through the bot host, in the shapes <see cref="DirectoryEditingFeature"/>
/// documents: the L&amp;D Support Team changes any offer, an organisation's L&amp;D lead only their own kind's.
/// </summary>
public sealed class DirectoryEditingTests(DirectoryHostFixture fixture) : IClassFixture<DirectoryHostFixture>, IAsyncLifetime
{
    private static readonly TestPerson Support = DirectoryHostFixture.Support;
    private static readonly TestPerson Marcus = DirectoryHostFixture.Marcus;
    private static readonly TestPerson Sinead = DirectoryHostFixture.Sinead;

    public Task InitializeAsync() => fixture.ReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_L_and_D_lead_lists_only_their_own_kind_of_organisation_s_offers()
    {
        var bot = fixture.ForTest();
        var acute = (await fixture.Store.ListOffersAsync(["acute-trust"], CancellationToken.None)).Count(o => !o.Offer.IsRetired);

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "my offers").From(Marcus));

        var card = CardJson.Of(Assert.Single(bot.Connector.Sent));
        Assert.Contains("Hospital trust offers you can edit", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.StartsWith($"Offers 1 to 8 of {acute},", CardJson.ById(card, "page-text")["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("Independent care provider", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Contains("Sample offer", CardJson.Texts(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_is_not_an_L_and_D_lead_or_in_the_support_team_is_refused()
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync("acute-trust");

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "my offers").From(DirectoryHostFixture.Callum));
        var answer = await PostAsync(bot, DirectoryHostFixture.Callum, DirectoryVerbs.ConfirmRetireOffer, new JsonObject { ["offerId"] = offerId });

        Assert.Contains("only for the L&D Support Team and organisations' L&D leads", Assert.Single(bot.Connector.Sent).Activity.Text, StringComparison.Ordinal);
        Assert.Contains("only for the L&D Support Team and organisations' L&D leads", CardJson.MessageFromInvoke(answer), StringComparison.Ordinal);
        Assert.False((await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Offer.IsRetired);
    }

    [Fact]
    public async Task A_lead_of_another_kind_cannot_change_retire_or_add_sessions_to_an_offer()
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync("acute-trust");
        var before = (await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!;

        var answers = await Task.WhenAll(
            PostAsync(bot, Sinead, DirectoryVerbs.EditOffer, new JsonObject { ["offerId"] = offerId }),
            PostAsync(bot, Sinead, DirectoryVerbs.SaveOffer, OfferData(offerId, isNew: false, title: "Taken over")),
            PostAsync(bot, Sinead, DirectoryVerbs.ConfirmRetireOffer, new JsonObject { ["offerId"] = offerId }),
            PostAsync(bot, Sinead, DirectoryVerbs.SaveSession, SessionData(offerId, Guid.NewGuid().ToString("N"))),
            PostAsync(bot, Sinead, DirectoryVerbs.ConfirmCancelSession, new JsonObject { ["offerId"] = offerId, ["sessionId"] = "one" }));

        Assert.All(answers, answer => Assert.Equal(DirectoryEditingFeature.NotYours, CardJson.MessageFromInvoke(answer)));
        var after = (await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!;
        Assert.Equal(before.Offer.ETag, after.Offer.ETag);
        Assert.Equal(before.Sessions.Select(s => s.ETag), after.Sessions.Select(s => s.ETag));
    }

    [Fact]
    public async Task A_lead_cannot_add_an_offer_for_another_kind_of_organisation()
    {
        var bot = fixture.ForTest();
        var offerId = DirectoryTestData.NewId("sinead-acute");

        var card = CardJson.FromInvoke(await PostAsync(bot, Sinead, DirectoryVerbs.SaveOffer, OfferData(offerId, isNew: true, kind: "acute-trust")));

        Assert.True(CardJson.HasId(card, "providerKind-problem"));
        Assert.Null(await fixture.Store.FindOfferAsync(offerId, CancellationToken.None));
    }

    [Fact]
    public async Task A_lead_changes_their_own_offer_and_people_asking_see_it()
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync("acute-trust");

        var form = CardJson.FromInvoke(await PostAsync(bot, Marcus, DirectoryVerbs.EditOffer, new JsonObject { ["offerId"] = offerId }));
        Assert.Equal("Adult basic life support", CardJson.ById(form, "title")["value"]!.GetValue<string>());
        var answer = CardJson.FromInvoke(await PostAsync(bot, Marcus, DirectoryVerbs.SaveOffer, OfferData(offerId, isNew: false, title: "Adult BLS update")));

        Assert.Equal("Saved Adult BLS update.", CardJson.ById(answer, "notice")["text"]!.GetValue<string>());
        var listing = Assert.Single(await fixture.Catalogue.CurrentAsync(CancellationToken.None), l => l.Offer.Id == offerId);
        Assert.Equal("Adult BLS update", listing.Offer.Title);
        Assert.Equal(Marcus.AadObjectId, (await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Offer.UpdatedBy);
    }

    [Fact]
    public async Task A_sample_offer_saved_in_Teams_is_no_longer_marked_as_sample()
    {
        var bot = fixture.ForTest();
        var sample = (await fixture.Store.ListOffersAsync(["acute-trust"], CancellationToken.None)).First(o => o.Offer.IsSample && !o.Offer.IsRetired).Offer.ToOffer();
        var data = OfferData(sample.Id, isNew: false, title: sample.Title);

        await PostAsync(bot, Marcus, DirectoryVerbs.SaveOffer, data);

        Assert.False((await fixture.Store.FindOfferAsync(sample.Id, CancellationToken.None))!.Offer.IsSample);
    }

    [Fact]
    public async Task The_support_team_adds_an_offer_of_any_kind_once_however_often_Save_is_pressed()
    {
        var bot = fixture.ForTest();
        var offerId = DirectoryTestData.NewId("support-new");
        var data = OfferData(offerId, isNew: true, kind: "voluntary-sector");

        var answers = await Task.WhenAll(PostAsync(bot, Support, DirectoryVerbs.SaveOffer, data), PostAsync(bot, Support, DirectoryVerbs.SaveOffer, data.DeepClone().AsObject()));

        Assert.All(answers, answer => Assert.StartsWith("Added Adult basic life support.", CardJson.ById(CardJson.FromInvoke(answer), "notice")["text"]!.GetValue<string>(), StringComparison.Ordinal));
        var stored = (await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!;
        Assert.Equal("voluntary-sector", stored.Offer.ProviderKind);
        Assert.False(stored.Offer.IsSample);

        var another = CardJson.FromInvoke(await PostAsync(bot, Support, DirectoryVerbs.SaveOffer, OfferData(offerId, isNew: true, formId: Guid.NewGuid().ToString("N"))));
        Assert.True(CardJson.HasId(another, "offerId-problem"));
    }

    [Fact]
    public async Task A_lead_adds_a_session_once_then_cancels_it_and_people_asking_no_longer_see_it()
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync("acute-trust");
        var formId = Guid.NewGuid().ToString("N");

        await Task.WhenAll(PostAsync(bot, Marcus, DirectoryVerbs.SaveSession, SessionData(offerId, formId)), PostAsync(bot, Marcus, DirectoryVerbs.SaveSession, SessionData(offerId, formId)));

        var stored = (await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!;
        Assert.Equal(2, stored.Sessions.Count);
        var added = Assert.Single(stored.Sessions, s => s.SessionId != "one");
        Assert.Equal("Education Centre, Peterborough", added.Place);
        Assert.Contains(Assert.Single(await fixture.Catalogue.CurrentAsync(CancellationToken.None), l => l.Offer.Id == offerId).UpcomingSessions, s => s.Id == added.SessionId);

        var ask = CardJson.FromInvoke(await PostAsync(bot, Marcus, DirectoryVerbs.CancelSession, new JsonObject { ["offerId"] = offerId, ["sessionId"] = added.SessionId }));
        Assert.Contains("Cancel the session on", CardJson.Texts(ask), StringComparison.Ordinal);
        var done = CardJson.FromInvoke(await PostAsync(bot, Marcus, DirectoryVerbs.ConfirmCancelSession, new JsonObject { ["offerId"] = offerId, ["sessionId"] = added.SessionId }));

        Assert.StartsWith("Cancelled the session on", CardJson.ById(done, "notice")["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(Assert.Single(await fixture.Catalogue.CurrentAsync(CancellationToken.None), l => l.Offer.Id == offerId).UpcomingSessions, s => s.Id == added.SessionId);
    }

    [Fact]
    public async Task A_new_session_whose_form_already_added_another_comes_back_marked_and_is_added_on_the_next_press()
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync("acute-trust");
        await PostAsync(bot, Marcus, DirectoryVerbs.SaveSession, SessionData(offerId, "0123456789ab" + new string('1', 20)));
        var other = SessionData(offerId, "0123456789ab" + new string('2', 20));
        other["place"] = "Lecture Theatre, Stamford";

        var card = CardJson.FromInvoke(await PostAsync(bot, Marcus, DirectoryVerbs.SaveSession, other));

        Assert.Equal(DirectoryEditingFeature.SessionIdTaken, CardJson.ById(card, "date-problem")["text"]!.GetValue<string>());
        Assert.DoesNotContain((await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Sessions, s => s.Place == "Lecture Theatre, Stamford");

        var again = CardJson.Actions(card, DirectoryVerbs.SaveSession)[0]["data"]!.DeepClone().AsObject();
        foreach (var (key, value) in other.Where(pair => pair.Key is not ("formId" or "sessionId" or "offerId")))
        {
            again[key] = value?.DeepClone();
        }

        await PostAsync(bot, Marcus, DirectoryVerbs.SaveSession, again);
        Assert.Contains((await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Sessions, s => s.Place == "Lecture Theatre, Stamford");
    }

    [Fact]
    public async Task A_session_that_ends_before_it_starts_comes_back_marked_and_nothing_is_written()
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync("acute-trust");
        var data = SessionData(offerId, Guid.NewGuid().ToString("N"));
        data["ends"] = "08:00";

        var card = CardJson.FromInvoke(await PostAsync(bot, Marcus, DirectoryVerbs.SaveSession, data));

        Assert.True(CardJson.HasId(card, "ends-problem"));
        Assert.Single((await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Sessions);
    }

    [Theory]
    [InlineData("37 months ahead")]
    [InlineData("yesterday")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("2027-02-30")]
    [InlineData("2027-03-10T09:30:00+01:00")]
    public async Task A_new_session_not_from_today_to_3_years_ahead_comes_back_marked_and_nothing_is_written(string date)
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync(LearningBot.People.OrganisationKinds.AmbulanceTrust);
        var data = SessionData(offerId, Guid.NewGuid().ToString("N"));
        data["date"] = Day(date);

        var card = CardJson.FromInvoke(await PostAsync(bot, Support, DirectoryVerbs.SaveSession, data));

        Assert.True(CardJson.HasId(card, "date-problem"), CardJson.Readable(card));
        Assert.StartsWith("Please give the date of the session, from ", CardJson.ById(card, "date-problem")["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single((await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Sessions);
    }

    [Theory]
    [InlineData("13 months ago", false)]
    [InlineData("0001-01-01", false)]
    [InlineData("11 months ago", true)]
    public async Task A_session_being_changed_may_be_up_to_a_year_past_and_no_further(string date, bool saved)
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync(LearningBot.People.OrganisationKinds.AmbulanceTrust);
        var data = SessionData(offerId, string.Empty);
        data["sessionId"] = "one";
        data["date"] = Day(date);

        var card = CardJson.FromInvoke(await PostAsync(bot, Support, DirectoryVerbs.SaveSession, data));

        Assert.Equal(!saved, CardJson.HasId(card, "date-problem"));
        var stored = Assert.Single((await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Sessions);
        Assert.Equal(saved, UkTime.Local(stored.ToSession().Starts).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) == Day(date));
    }

    [Fact]
    public async Task The_session_form_shows_the_days_a_session_may_be_on()
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync(LearningBot.People.OrganisationKinds.AmbulanceTrust);

        var card = CardJson.FromInvoke(await PostAsync(bot, Support, DirectoryVerbs.AddSession, new JsonObject { ["offerId"] = offerId }));

        var date = CardJson.ById(card, "date");
        var today = UkTime.Today(TimeProvider.System);
        Assert.Equal(Day(today), date["min"]!.GetValue<string>());
        Assert.Equal(Day(today.AddMonths(36)), date["max"]!.GetValue<string>());
    }

    /// <summary>A date as the form sends it, or one counted from today: "yesterday", "13 months ago", "37 months ahead".</summary>
    private static string Day(string text)
    {
        var today = UkTime.Today(TimeProvider.System);
        var words = text.Split(' ');
        return text switch
        {
            "yesterday" => Day(today.AddDays(-1)),
            _ when words is [var n, "months", "ahead"] => Day(today.AddMonths(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))),
            _ when words is [var n, "months", "ago"] => Day(today.AddMonths(-int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))),
            _ => text,
        };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Identifiers_typed_into_an_offer_are_removed_and_shown_before_anything_is_saved()
    {
        var bot = fixture.ForTest();
        var offerId = await NewOfferAsync("acute-trust");
        var data = OfferData(offerId, isNew: false);
        data["summary"] = "Ask Mrs Joan Smith on 07700 900123 for details.";

        var card = CardJson.FromInvoke(await PostAsync(bot, Marcus, DirectoryVerbs.SaveOffer, data));

        Assert.True(CardJson.HasId(card, "removed-note"));
        Assert.DoesNotContain("07700 900123", CardJson.ById(card, "summary")["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("07700", (await fixture.Store.FindOfferAsync(offerId, CancellationToken.None))!.Offer.ToOffer().Summary, StringComparison.Ordinal);
    }

    private async Task<string> NewOfferAsync(string kind)
    {
        var id = DirectoryTestData.NewId("offer");
        await DirectoryTestData.WriteAsync(fixture.Store, DirectoryTestData.Offer(id, kind), DirectoryTestData.Session(id, "one", DateTimeOffset.UtcNow.AddDays(10)));
        return id;
    }

    private static JsonObject OfferData(string offerId, bool isNew, string kind = "acute-trust", string title = "Adult basic life support", string? formId = null) => new()
    {
        ["offerId"] = offerId, ["isNew"] = isNew, ["formId"] = formId ?? (isNew ? "form-" + offerId : string.Empty), ["title"] = title,
        ["summary"] = "Chest compressions and using a defibrillator, mostly on manikins.", ["topics"] = "basic life support, resuscitation",
        ["provider"] = "City General Hospital NHS Foundation Trust", ["providerKind"] = kind, ["openTo"] = string.Empty, ["staffGroups"] = "all clinical staff",
        ["forVolunteers"] = "false", ["format"] = "Classroom", ["length"] = "2 hours", ["cost"] = string.Empty,
        ["bookingUrl"] = "https://learning.example.org/book/bls", ["bookingEmail"] = "education@example.org", ["bookingPhone"] = "01632 960100",
        ["mandatoryTopic"] = "resuscitation", ["articleId"] = string.Empty,
    };

    private static JsonObject SessionData(string offerId, string formId) => new()
    {
        ["offerId"] = offerId, ["sessionId"] = string.Empty, ["formId"] = formId,
        ["date"] = DateTimeOffset.UtcNow.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["starts"] = "09:30", ["ends"] = "12:30", ["place"] = "Education Centre, Peterborough", ["joiningRoute"] = string.Empty, ["placesLeft"] = "12",
    };

    private static async Task<JsonObject> PostAsync(BotTestHost bot, TestPerson person, string verb, JsonObject data)
    {
        var response = await bot.PostActivityAsync(TeamsActivities.ExecuteAction(bot.Connector.ServiceUrl, verb, data).From(person));
        return await BotTestHost.ReadJsonAsync(response);
    }
}
