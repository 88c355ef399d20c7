using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Import;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.LearningDirectory;

/// <summary><c>import courses</c> through the bot host: every row checked first, all or nothing, re-import updates.</summary>
public sealed class CourseImportTests(DirectoryHostFixture fixture) : IClassFixture<DirectoryHostFixture>, IAsyncLifetime
{
    private const string Header =
        "offerId,title,summary,topics,provider,providerKind,openTo,staffGroups,forVolunteers,format,length,cost,bookingUrl,bookingEmail,bookingPhone,articleId,mandatoryTopic,retired,sessionId,date,starts,ends,place,joiningRoute,placesLeft,cancelled";

    private static readonly TestPerson Marcus = DirectoryHostFixture.Marcus;
    private static readonly TestPerson Sinead = DirectoryHostFixture.Sinead;

    public Task InitializeAsync() => fixture.ReadyAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_names_every_problem_by_its_row()
    {
        var bot = fixture.ForTest();
        var good = DirectoryTestData.NewId("good");
        var other = DirectoryTestData.NewId("other");
        var csv = string.Join('\n', Header,
            Row(good, "s1", Future(20), "09:30", "12:30"),
            Row(good, "s2", Future(27), "13:30", "09:00"),
            Row(other, "s1", Future(20), "09:30", "12:30"),
            Row(other, "s2", Future(21), "09:30", "12:30").Replace("acute-trust", "hospital", StringComparison.Ordinal),
            Row(DirectoryTestData.NewId("third"), "s1", "31/02/2026", "9.30", "12:30"));

        var card = await ImportAsync(bot, Marcus, csv);

        var texts = CardJson.Texts(card);
        Assert.Contains("Nothing was imported", texts, StringComparison.Ordinal);
        Assert.Contains("Row 3: ends: Please give an end time after the start time.", texts, StringComparison.Ordinal);
        Assert.Contains("Row 5: providerKind: The kind of organisation must be one of", texts, StringComparison.Ordinal);
        Assert.Contains("Row 6: date '31/02/2026' is not a date", texts, StringComparison.Ordinal);
        Assert.Contains("Row 6: starts '9.30' is not a time", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("Row 2:", texts, StringComparison.Ordinal);
        Assert.Null(await fixture.Store.FindOfferAsync(good, CancellationToken.None));
        Assert.Null(await fixture.Store.FindOfferAsync(other, CancellationToken.None));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("01/01/0001")]
    [InlineData("9999-12-31")]
    [InlineData("37 months ahead")]
    public async Task A_session_dated_out_of_bounds_imports_nothing_and_says_which_dates_are_taken(string date)
    {
        var bot = fixture.ForTest();
        var id = DirectoryTestData.NewId("far");
        var day = date == "37 months ahead"
            ? UkTime.Today(TimeProvider.System).AddMonths(37).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : date;

        var card = await ImportAsync(bot, Marcus, string.Join('\n', Header, Row(id, "s1", Future(20), "09:30", "12:30"), Row(id, "s2", day, "09:30", "12:30")));

        // The card shows the file's text literally, with Markdown's marks escaped.
        var texts = CardJson.Texts(card).Replace("\\", string.Empty, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", texts, StringComparison.Ordinal);
        Assert.Contains($"Row 3: date '{day}' is not one the directory takes: give a date from ", texts, StringComparison.Ordinal);
        Assert.Null(await fixture.Store.FindOfferAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task Importing_the_file_again_updates_offers_and_sessions_rather_than_duplicating_them()
    {
        var bot = fixture.ForTest();
        var id = DirectoryTestData.NewId("reimport");
        var first = string.Join('\n', Header, Row(id, "s1", Future(20), "09:30", "12:30"), Row(id, "s2", Future(27), "09:30", "12:30"));

        var added = await ImportAsync(bot, Marcus, first);

        Assert.Contains("Imported 1 offer from 2 rows", CardJson.Texts(added), StringComparison.Ordinal);
        Assert.Equal(["1", "0", "2", "0"], Facts(added));

        var second = string.Join('\n', Header,
            Row(id, "s1", Future(20), "09:30", "12:30", title: "Moving and handling people (updated)"),
            Row(id, "s2", Future(28), "09:30", "12:30", title: "Moving and handling people (updated)"));
        var updated = await ImportAsync(bot, Marcus, second, attach: true);

        Assert.Equal(["0", "1", "0", "1"], Facts(updated));
        var stored = (await fixture.Store.FindOfferAsync(id, CancellationToken.None))!;
        Assert.Equal("Moving and handling people (updated)", stored.Offer.ToOffer().Title);
        Assert.Equal(["s1", "s2"], stored.Sessions.Select(s => s.SessionId));
        Assert.Equal(Marcus.AadObjectId, stored.Offer.UpdatedBy);
        var listing = Assert.Single(await fixture.Catalogue.CurrentAsync(CancellationToken.None), l => l.Offer.Id == id);
        Assert.Equal(2, listing.UpcomingSessions.Count);
        Assert.False(listing.Offer.IsSample);

        var again = await ImportAsync(bot, Marcus, second, attach: true);
        Assert.Equal(["0", "0", "0", "0"], Facts(again));
    }

    [Fact]
    public async Task A_lead_may_import_only_their_own_kind_of_organisation_s_offers()
    {
        var bot = fixture.ForTest();
        var acute = DirectoryTestData.NewId("acute");
        await DirectoryTestData.WriteAsync(fixture.Store, DirectoryTestData.Offer(acute, "acute-trust"));
        var newAcute = DirectoryTestData.NewId("new-acute");
        var csv = string.Join('\n', Header,
            Row(newAcute, "s1", Future(20), "09:30", "12:30"),
            Row(acute, "s1", Future(20), "09:30", "12:30").Replace("acute-trust", "independent-sector", StringComparison.Ordinal));

        var card = await ImportAsync(bot, Sinead, csv);

        var texts = CardJson.Texts(card);
        Assert.Contains("Row 2: providerKind: You can only add and change offers of Independent care provider organisations", texts, StringComparison.Ordinal);
        Assert.Contains("is already in the directory for a hospital trust: only its L&D lead or the L&D Support Team can change it.", texts, StringComparison.Ordinal);
        Assert.Contains("Row 3: offer ", texts, StringComparison.Ordinal); // the id itself is escaped for Teams' Markdown
        Assert.Null(await fixture.Store.FindOfferAsync(newAcute, CancellationToken.None));
        Assert.Equal("acute-trust", (await fixture.Store.FindOfferAsync(acute, CancellationToken.None))!.Offer.ProviderKind);
    }

    [Fact]
    public async Task Import_courses_without_a_file_says_how_to_send_one_and_others_are_refused()
    {
        var bot = fixture.ForTest();

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "import courses").From(Marcus));
        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "import courses\n" + Header).From(DirectoryHostFixture.Callum));

        Assert.Equal(CourseImportFeature.HowTo, bot.Connector.Sent[0].Activity.Text);
        Assert.Contains("only for the L&D Support Team and organisations' L&D leads", bot.Connector.Sent[1].Activity.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_example_file_in_the_readme_imports_cleanly()
    {
        var bot = fixture.ForTest();
        var csv = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "learning-directory", "example-import.csv"));

        var card = await ImportAsync(bot, DirectoryHostFixture.Support, csv, attach: true);

        Assert.Contains("Imported 2 offers from 3 rows", CardJson.Texts(card), StringComparison.Ordinal);
    }

    private async Task<JsonObject> ImportAsync(BotTestHost bot, TestPerson person, string csv, bool attach = false)
    {
        bot.Connector.Reset();
        var message = TeamsActivities.Message(bot.Connector.ServiceUrl, attach ? "import courses" : "import courses\n" + csv).From(person);
        if (attach)
        {
            var url = $"https://files.example.org/{Guid.NewGuid():N}/courses.csv";
            fixture.Files[url] = csv;
            message["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = ImportFileReader.TeamsFileDownload,
                ["name"] = "courses.csv",
                ["content"] = new JsonObject { ["downloadUrl"] = url, ["uniqueId"] = Guid.NewGuid().ToString(), ["fileType"] = "csv" },
            });
        }

        await bot.PostActivityAsync(message);
        return CardJson.Of(Assert.Single(bot.Connector.Sent));
    }

    private static IReadOnlyList<string> Facts(JsonObject card) =>
        [.. CardJson.FirstOfType(card, "FactSet")["facts"]!.AsArray().Select(f => f!["value"]!.GetValue<string>())];

    private static string Future(int days) => DateTimeOffset.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Row(string offerId, string sessionId, string date, string starts, string ends, string title = "Moving and handling people") =>
        $"{offerId},{title},\"Hoists, slide sheets and standing aids, with a risk assessment.\",moving and handling;hoists,City General Hospital NHS Foundation Trust,acute-trust,,healthcare support workers;registered nurses,no,Classroom,Half day,,https://learning.example.org/book/mh,education@example.org,01632 960100,,moving-and-handling,no,{sessionId},{date},{starts},{ends},\"Education Centre, Peterborough\",,8,no";
}
