using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearningBot.FeedbackSignals;
using LearningBot.Leads;
using LearningBot.Privacy;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.FeedbackSignals.SignalHarness;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// The quarterly report through the real pipeline: themes counted from accepted signals (written straight into the
/// class's own themes table, as many as a quarter would hold), asked for with <c>signal report</c> by the L&amp;D Support
/// Team, an acute trust's L&amp;D lead, the board and people who may not see it.
/// </summary>
public sealed partial class SignalReportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson AcuteLearningLead = new("29:ada-lead", "c1d2e3f4-0000-4000-8000-0000000000b1", "Ada Lead");
    private static readonly TestPerson ClinicalLead = new("29:cli-lead", "c1d2e3f4-0000-4000-8000-0000000000b2", "Cli Lead");

    /// <summary>July to September 2026: every figure below, with its alert's status (null for no alert).</summary>
    private static readonly (string Theme, string Area, string Kind, int Signals, string? Status)[] ThirdQuarter =
    [
        ("dementia", "inpatient-wards", "acute-trust", 7, SignalAlert.Taken),
        ("dementia", "emergency-care", "acute-trust", 3, null),
        ("dementia", "care-homes", "council", 6, null),
        ("medicines", "outpatients", "acute-trust", 5, SignalAlert.InHand),
        ("medicines", "gp-practice", "primary-care", 2, null),
        ("end-of-life", "inpatient-wards", "acute-trust", 1, SignalAlert.Open),
        ("nutrition-and-hydration", "home-care", "council", 4, null),
        ("moving-and-handling", "ambulance", "ambulance-trust", 9, SignalAlert.NotALearningIssue),
    ];

    private SignalHarness _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await SignalHarness.StartAsync(azurite);
        var register = _hub.Bot.Services.GetRequiredService<LeadRegister>();
        await AddLeadAsync(register, AcuteLearningLead, "acute-trust", LeadEntry.LearningLeadKind);
        await AddLeadAsync(register, ClinicalLead, "acute-trust", "clinical-lead");
        var tables = _hub.Bot.Services.GetRequiredService<TableStorage>();
        var themes = await tables.Table(SignalAlerts.ThemesTable).GetAsync(CancellationToken.None);
        var alerts = await tables.Table(SignalAlerts.AlertsTable).GetAsync(CancellationToken.None);
        // The alerts' partition holds outbox rows too (posts of alerts no lead was found for): the report passes over them.
        await alerts.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(SignalAlert.Partition, "a1-000001-signal-alert-no-lead") { ["Kind"] = "signal-alert-no-lead" });
        await alerts.UpsertEntityAsync(new Azure.Data.Tables.TableEntity(SignalAlert.Partition, "a2-000001-signal-alert-no-lead") { ["Kind"] = "signal-alert-no-lead" });
        foreach (var (theme, area, kind, signals, status) in ThirdQuarter)
        {
            // One more in June and one in October: months outside the quarter never count in it.
            var months = Enumerable.Range(0, signals).Select(i => $"2026-0{7 + (i % 3)}").Append("2026-06").Append("2026-10");
            var alertId = status is null ? null : $"{theme}-{area}-{kind}";
            await themes.UpsertEntityAsync(Tally(theme, area, kind, months, alertId));
            if (alertId is not null)
            {
                await alerts.UpsertEntityAsync(new SignalAlert { RowKey = alertId, AlertId = alertId, Theme = theme, Status = status! });
            }
        }
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_support_team_sees_every_row_with_exact_figures_and_totals()
    {
        var card = await ReportAsync(SupportTeam, "signal report 2026 Q3");
        var facts = Facts(card);

        Assert.Equal("9 signals. Action: not a learning issue", facts["Ambulance trust: Ambulance"]);
        Assert.Equal("3 signals. Action: no alert", facts["Acute hospital trust: Emergency care"]);
        Assert.Equal("1 signal. Action: open", facts["Acute hospital trust: Inpatient wards", "End of life care"]);
        Assert.Equal("2 signals. Action: no alert", facts["Primary care (GP practices and partners): GP practice"]);
        Assert.Equal(ThirdQuarter.Length, facts.Count);
        Assert.Contains("Total: 16 signals", Shown(card));
        Assert.Contains("All themes: 37 signals", Shown(card));
        Assert.Contains("July to September 2026", Shown(card));
    }

    [Fact]
    public async Task An_organisations_learning_lead_sees_only_their_own_kind_of_organisation()
    {
        var card = await ReportAsync(AcuteLearningLead, "feedback report 2026-Q3");
        var facts = Facts(card);

        Assert.Equal("7 signals. Action: taken", facts["Inpatient wards"]);
        Assert.Equal("5 signals. Action: in hand", facts["Outpatients"]);
        Assert.Equal(2, facts.Count);
        var shown = string.Join('\n', Shown(card));
        foreach (var otherKind in new[] { "Care homes", "GP practice", "Home care", "Ambulance", "City council", "Primary care" })
        {
            Assert.DoesNotContain(otherKind, shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_board_sees_each_theme_across_organisation_kinds_with_no_service_areas()
    {
        var card = await ReportAsync(BoardMember, "signal report 2026 Q3");
        var facts = Facts(card);

        Assert.Equal("16 signals. Action: taken; no alert", facts["Dementia"]);
        Assert.Equal("7 signals. Action: in hand; no alert", facts["Medicines"]);
        Assert.Equal("9 signals. Action: not a learning issue", facts["Moving and handling"]);
        Assert.Equal(3, facts.Count);
        var shown = string.Join('\n', Shown(card));
        foreach (var detail in SignalChoices.ServiceAreas.Concat(SignalChoices.OrganisationKinds).Select(choice => choice.Title))
        {
            Assert.DoesNotContain(detail, shown, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task No_figure_from_one_to_four_appears_anywhere_outside_the_support_team_totals_included()
    {
        foreach (var person in new[] { AcuteLearningLead, BoardMember })
        {
            var card = await ReportAsync(person, "signal report 2026 Q3");

            var numbers = Shown(card).SelectMany(text => Number().Matches(text)).Select(match => int.Parse(match.Value, CultureInfo.InvariantCulture)).ToList();
            Assert.NotEmpty(numbers);
            Assert.DoesNotContain(numbers, number => number is >= 1 and <= 4);
            Assert.Contains(SmallCountSuppression.SomeRowsLeftOut, Shown(card));
            Assert.DoesNotContain(Shown(card), text => text.StartsWith("All themes", StringComparison.Ordinal));
            Assert.DoesNotContain("Total: 10 signals", Shown(card));
        }
    }

    [Fact]
    public async Task A_small_row_is_left_out_whole_heading_and_action_too()
    {
        var lead = string.Join('\n', Shown(await ReportAsync(AcuteLearningLead, "signal report 2026 Q3")));
        var board = string.Join('\n', Shown(await ReportAsync(BoardMember, "signal report 2026 Q3")));

        Assert.DoesNotContain("Emergency care", lead, StringComparison.Ordinal);
        Assert.DoesNotContain("End of life care", lead, StringComparison.Ordinal);
        Assert.DoesNotContain("Action: open", lead, StringComparison.Ordinal);
        Assert.DoesNotContain("End of life care", board, StringComparison.Ordinal);
        Assert.DoesNotContain("Nutrition and hydration", board, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quarter_buttons_move_the_report_back_and_forward_in_place()
    {
        var third = await ReportAsync(SupportTeam, "signal report 2026 Q3");

        var second = CardJson.FromInvoke(await _hub.PressTitledAsync(SupportTeam, third, "Previous quarter"));
        var fourth = CardJson.FromInvoke(await _hub.PressTitledAsync(SupportTeam, third, "Next quarter"));

        Assert.Contains("April to June 2026", Shown(second));
        Assert.Equal(ThirdQuarter.Length, Facts(second).Count);
        Assert.All(Facts(second).Values, value => Assert.StartsWith("1 signal.", value, StringComparison.Ordinal));
        Assert.Contains("October to December 2026", Shown(fourth));
        Assert.Null(CardJson.ActionByTitle(fourth, "Next quarter"));
    }

    [Fact]
    public async Task Someone_with_no_role_for_it_is_refused_in_plain_words()
    {
        foreach (var person in new[] { Outsider, ClinicalLead, Liaison })
        {
            _hub.Bot.Connector.Reset();
            await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, "signal report").From(person));

            Assert.Equal(SignalReportFeature.NotForYou, Assert.Single(_hub.Bot.Connector.Sent).Activity.Text);
        }

        var card = await ReportAsync(SupportTeam, "signal report 2026 Q3");
        var pressed = await _hub.PressTitledAsync(Outsider, card, "Previous quarter");
        Assert.Equal(SignalReportFeature.NotForYou, CardJson.MessageFromInvoke(pressed));
    }

    [Fact]
    public async Task A_quarter_it_cannot_read_is_answered_with_examples()
    {
        _hub.Bot.Connector.Reset();
        await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, "signal report last week").From(SupportTeam));

        Assert.Equal(SignalReportFeature.NotAQuarter, Assert.Single(_hub.Bot.Connector.Sent).Activity.Text);
    }

    private async Task<JsonObject> ReportAsync(TestPerson person, string command)
    {
        _hub.Bot.Connector.Reset();
        await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, command).From(person));
        return CardJson.Of(Assert.Single(_hub.Bot.Connector.Sent));
    }

    /// <summary>What a reader sees or hears: texts, fact titles and values, button titles and the spoken summary.</summary>
    private static IReadOnlyList<string> Shown(JsonObject card) =>
    [
        .. CardJson.Descendants(card).SelectMany(node => new[] { "text", "title", "value", "speak" }
            .Select(name => node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null)
            .OfType<string>()),
    ];

    private static FactIndex Facts(JsonObject card) => new(
    [
        .. CardJson.Descendants(card).Where(node => CardJson.Type(node) == "Container").SelectMany(container =>
        {
            var heading = container["items"]![0]!["text"]!.GetValue<string>();
            return CardJson.Descendants(container).Where(node => CardJson.Type(node) == "FactSet")
                .SelectMany(set => set["facts"]!.AsArray())
                .Select(fact => (heading, fact!["title"]!.GetValue<string>(), fact["value"]!.GetValue<string>()));
        }),
    ]);

    private static ThemeTally Tally(string theme, string area, string kind, IEnumerable<string> months, string? alertId) => new()
    {
        PartitionKey = ThemeTally.Partition,
        RowKey = TableKeys.Encode($"{theme}|{area}|{kind}"),
        Theme = theme,
        ServiceArea = area,
        OrganisationKind = kind,
        Counted = JsonSerializer.Serialize(months.Select((month, i) => new CountedSignal($"{theme}-{area}-{kind}-{i}", month, FeedbackSignalKinds.Concern, "pals", false))),
        AlertId = alertId,
        InAlert = alertId is not null,
    };

    private static async Task AddLeadAsync(LeadRegister register, TestPerson person, string organisationKind, string kind)
    {
        var details = new LeadDetails(ScrubbedText.Empty, ScrubbedText.Empty, organisationKind, ["dementia"], AlertPreferences.StraightAway);
        await register.AddAsync(LeadEntry.Create(details, person.AadObjectId, person.Name, "test", DateTimeOffset.UtcNow) with { Kind = kind }, CancellationToken.None);
    }

    [GeneratedRegex(@"\b\d+\b")]
    private static partial Regex Number();

    /// <summary>Fact values by title, or by title and the heading of the theme they are under.</summary>
    private sealed class FactIndex(IReadOnlyList<(string Heading, string Title, string Value)> facts)
    {
        public int Count => facts.Count;

        public IEnumerable<string> Values => facts.Select(fact => fact.Value);

        public string this[string title] => Assert.Single(facts, fact => fact.Title == title).Value;

        public string this[string title, string heading] => Assert.Single(facts, fact => fact.Title == title && fact.Heading == heading).Value;
    }
}
