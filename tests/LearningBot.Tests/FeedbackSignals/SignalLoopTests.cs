using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.FeedbackSignals;
using LearningBot.Leads;
using LearningBot.People;
using LearningBot.Tests.FiveMinuteReview;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.FeedbackSignals.SignalHarness;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// Closing the loop and compliments through the real pipeline: a lead records what was done about an alert's theme and the
/// liaison staff who logged its signals are told; an accepted compliment reaches its leads as recognition, who can pass it
/// to the team's manager and suggest it for good practice. Each test uses a theme of its own, so the tests share the tables.
/// </summary>
public sealed class SignalLoopTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson WardLead = new("29:wen-lead", "b1b2c3d4-0000-4000-8000-00000000b001", "Wen Lead");
    private static readonly TestPerson OtherWardLead = new("29:ola-lead", "b1b2c3d4-0000-4000-8000-00000000b002", "Ola Lead");
    private static readonly TestPerson LearningLead = new("29:lil-lead", "b1b2c3d4-0000-4000-8000-00000000b003", "Lil Lead");
    private static readonly TestPerson CouncilLead = new("29:cal-lead", "b1b2c3d4-0000-4000-8000-00000000b004", "Cal Lead");
    private static readonly TestPerson MedicinesLead = new("29:med-lead", "b1b2c3d4-0000-4000-8000-00000000b005", "Med Lead");
    private const string ManagerKey = "b1b2c3d4-0000-4000-8000-00000000b0f1";
    private static readonly string[] WardThemes = ["dementia", "end-of-life", "nutrition-and-hydration", "dignity-and-respect", "interpreting", "moving-and-handling"];

    private readonly InMemoryDeliveries _deliveries = new();
    private readonly InMemoryPeopleDirectory _people = new();
    private SignalHarness _hub = null!;

    public async Task InitializeAsync()
    {
        _people.Add(ManagerKey, "Priya Shah", managerId: null);
        _people.Add("b1b2c3d4-0000-4000-8000-00000000b0f2", "Tom Price", managerId: null);
        _hub = await SignalHarness.StartAsync(azurite, services => services
            .AddSingleton<IDeliveries>(_deliveries)
            .AddSingleton<IPeopleDirectory>(_people));
        await _hub.SetChannelAsync();
        await _hub.AddLeadAsync(WardLead, "acute-trust", WardThemes);
        await _hub.AddLeadAsync(OtherWardLead, "acute-trust", WardThemes);
        await _hub.AddLeadAsync(LearningLead, "acute-trust", ["other"], kind: LeadEntry.LearningLeadKind);
        await _hub.AddLeadAsync(CouncilLead, "council", WardThemes);
        await _hub.AddLeadAsync(MedicinesLead, "acute-trust", ["medicines"]);
        _hub.Bot.Connector.Reset();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Recording_what_was_done_tells_exactly_the_distinct_liaison_staff_once()
    {
        await _hub.LogAndAcceptAsync(Liaison, "dementia", "pals");
        await _hub.LogAndAcceptAsync(Liaison, "dementia", "pals");
        await _hub.LogAndAcceptAsync(SupportTeam, "dementia", "survey");
        var alert = AlertCard("dementia");
        var taken = await _hub.PressAsync(WardLead, alert, SignalAlertVerbs.Take);

        var form = await _hub.PressAsync(WardLead, taken, YouSaidWeDidVerbs.Form);
        var saved = await _hub.PressAsync(WardLead, form, YouSaidWeDidVerbs.Record, Done("Every ward now has a dementia champion."));
        await _hub.PressAsync(OtherWardLead, form, YouSaidWeDidVerbs.Record, Done("Every ward now has a dementia champion, and 40 staff took the course."));

        Assert.Contains(YouSaidWeDidFeature.Saved, CardJson.Texts(saved), StringComparison.Ordinal);
        var told = Assert.Single(_deliveries.Started, r => r.Purpose == YouSaidWeDidLoop.Purpose);
        Assert.Equal(new[] { Liaison.AadObjectId, SupportTeam.AadObjectId }.Order(), told.Recipients.Select(r => r.Key).Order());
        Assert.Contains("You said, we did: Dementia", CardJson.Texts(CardJson.Of(told.Message)), StringComparison.Ordinal);
        var record = (await Loop.FindAsync(told.IdempotencyKey, CancellationToken.None))!;
        Assert.Equal(("Every ward now has a dementia champion, and 40 staff took the course.", "2026-11", OtherWardLead.AadObjectId),
            (record.Shown().Done, record.Month, record.Lead));
        Assert.Single(await _hub.Bot.Services.GetRequiredService<YouSaidWeDidStore>().ListSinceAsync(DateTimeOffset.Parse("2026-12-01T00:00:00Z"), CancellationToken.None),
            item => item.AlertId == told.IdempotencyKey);
    }

    [Fact]
    public async Task A_lead_who_was_not_sent_the_alert_cannot_record_what_was_done()
    {
        await _hub.LogAndAcceptAsync(Liaison, "nutrition-and-hydration", "pals", urgent: true);
        var alert = AlertCard("nutrition-and-hydration");
        var taken = await _hub.PressAsync(WardLead, alert, SignalAlertVerbs.Take);
        var form = await _hub.PressAsync(WardLead, taken, YouSaidWeDidVerbs.Form);

        var answer = await _hub.PressForAnswerAsync(MedicinesLead, form, YouSaidWeDidVerbs.Record, Done("Menus changed."));

        Assert.Contains(SignalAlertsFeature.NotYours, answer.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_deliveries.Started, r => r.Purpose == YouSaidWeDidLoop.Purpose && r.IdempotencyKey == AlertIdOf("nutrition-and-hydration"));
        Assert.Null(await Loop.FindAsync(AlertIdOf("nutrition-and-hydration"), CancellationToken.None));
    }

    [Fact]
    public async Task What_was_done_is_stored_only_scrubbed_after_the_lead_saw_what_was_removed()
    {
        await _hub.LogAndAcceptAsync(Liaison, "interpreting", "pals", urgent: true);
        var taken = await _hub.PressAsync(WardLead, AlertCard("interpreting"), SignalAlertVerbs.Take);
        var form = await _hub.PressAsync(WardLead, taken, YouSaidWeDidVerbs.Form);

        var shown = await _hub.PressAsync(WardLead, form, YouSaidWeDidVerbs.Record, Done("Booked interpreters; call Jo on 07700 900123 for details."));

        Assert.Contains("I took out", CardJson.Texts(shown), StringComparison.Ordinal);
        Assert.Null(await Loop.FindAsync(AlertIdOf("interpreting"), CancellationToken.None));
        var scrubbed = CardJson.ById(shown, "done")["value"]!.GetValue<string>();
        Assert.DoesNotContain("07700 900123", scrubbed, StringComparison.Ordinal);

        await _hub.PressAsync(WardLead, shown, YouSaidWeDidVerbs.Record, Done(scrubbed));

        var record = (await Loop.FindAsync(AlertIdOf("interpreting"), CancellationToken.None))!;
        Assert.Equal(scrubbed, record.Shown().Done);
        Assert.DoesNotContain("07700", record.Shown().Done, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accepted_compliment_reaches_exactly_the_matching_leads_once_and_raises_no_alert()
    {
        var id = await _hub.LogAndAcceptAsync(Liaison, "end-of-life", "compliment", kind: "compliment", note: "The family said night staff explained every change kindly.");
        // A second moderator presses Accept on the card as it was before the first press.
        await _hub.Bot.PostActivityAsync(TeamsActivities.ExecuteAction(_hub.Bot.Connector.ServiceUrl, SignalVerbs.Accept, new JsonObject { ["signalId"] = id }).From(SecondModerator));

        var sent = Assert.Single(_deliveries.Started, r => r.Purpose == SignalCompliments.Purpose);
        Assert.Equal(id, sent.IdempotencyKey);
        var matching = (await _hub.Bot.Services.GetRequiredService<LeadRegister>().ListAsync(CancellationToken.None))
            .Where(lead => !lead.Retired && lead.OrganisationKind == "acute-trust" && (lead.IsLearningLead || lead.SpecialtyIds().Contains("end-of-life")))
            .Select(lead => lead.PersonKey);
        Assert.Equal(matching.Order(), sent.Recipients.Select(r => r.Key).Order());
        Assert.Subset(sent.Recipients.Select(r => r.Key).ToHashSet(), new[] { WardLead, OtherWardLead, LearningLead }.Select(p => p.AadObjectId).ToHashSet());
        Assert.DoesNotContain(CouncilLead.AadObjectId, sent.Recipients.Select(r => r.Key));
        Assert.DoesNotContain(MedicinesLead.AadObjectId, sent.Recipients.Select(r => r.Key));
        var texts = CardJson.Texts(CardJson.Of(sent.Message));
        Assert.Contains("The family said night staff explained every change kindly.", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("Lena", texts, StringComparison.Ordinal);
        Assert.DoesNotContain(_deliveries.Started, r => r.Purpose == SignalAlerts.Purpose && CardJson.Texts(CardJson.Of(r.Message)).Contains("End of life", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lead_passes_a_compliment_to_the_team_manager_they_find_by_name_once()
    {
        await _hub.LogAndAcceptAsync(Liaison, "dignity-and-respect", "compliment", kind: "compliment");
        var card = ComplimentCard("dignity-and-respect");

        var find = await _hub.PressAsync(WardLead, card, ComplimentVerbs.Form);
        var pick = await _hub.PressAsync(WardLead, find, ComplimentVerbs.Find, new JsonObject { ["name"] = "priya" });
        Assert.Contains("Priya Shah", pick.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Tom Price", pick.ToJsonString(), StringComparison.Ordinal);
        var passed = await _hub.PressAsync(WardLead, pick, ComplimentVerbs.Pass, new JsonObject { ["manager"] = ManagerKey });
        await _hub.PressAsync(OtherWardLead, pick, ComplimentVerbs.Pass, new JsonObject { ["manager"] = ManagerKey });

        Assert.Contains("Passed to Priya Shah.", CardJson.Texts(passed), StringComparison.Ordinal);
        var toManager = Assert.Single(_deliveries.Started, r => r.Purpose == SignalCompliments.ManagerPurpose
            && CardJson.Texts(CardJson.Of(r.Message)).Contains("Dignity and respect", StringComparison.Ordinal));
        Assert.Equal([ManagerKey], toManager.Recipients.Select(r => r.Key));
        Assert.Null(CardJson.ActionByTitle(CardJson.Of(toManager.Message), "Suggest for good practice"));
    }

    [Fact]
    public async Task A_compliment_is_suggested_for_good_practice_once()
    {
        var id = await _hub.LogAndAcceptAsync(Liaison, "moving-and-handling", "compliment", kind: "compliment", note: "Staff used the hoist calmly and explained each step.");
        var card = ComplimentCard("moving-and-handling");

        var first = await _hub.PressAsync(WardLead, card, ComplimentVerbs.Suggest);
        var second = await _hub.PressAsync(LearningLead, card, ComplimentVerbs.Suggest);
        var outsider = await _hub.PressForAnswerAsync(CouncilLead, card, ComplimentVerbs.Suggest);

        Assert.Contains(ComplimentsFeature.SuggestedNotice, CardJson.Texts(first), StringComparison.Ordinal);
        Assert.Contains("Suggested for the good-practice exchange.", CardJson.Texts(first), StringComparison.Ordinal);
        Assert.Contains(ComplimentsFeature.AlreadySuggested, CardJson.Texts(second), StringComparison.Ordinal);
        Assert.Contains(ComplimentsFeature.NotYours, outsider.ToJsonString(), StringComparison.Ordinal);
        var suggestions = await _hub.Bot.Services.GetRequiredService<GoodPracticeSuggestions>().ListSinceAsync(DateTimeOffset.MinValue, CancellationToken.None);
        var suggestion = Assert.Single(suggestions, s => s.SignalId == id);
        Assert.Equal(("moving-and-handling", WardLead.AadObjectId, "Staff used the hoist calmly and explained each step."), (suggestion.Theme, suggestion.SuggestedBy, suggestion.Wording));
    }

    private YouSaidWeDidLoop Loop => _hub.Bot.Services.GetRequiredService<YouSaidWeDidLoop>();

    private static JsonObject Done(string text) => new() { ["done"] = text, ["month"] = "2026-11", ["link"] = "" };

    private JsonObject AlertCard(string theme) => CardJson.Of(Assert.Single(_deliveries.Started.ToList(), r => r.Purpose == SignalAlerts.Purpose
        && CardJson.Texts(CardJson.Of(r.Message)).Contains($"Feedback theme alert: {SignalThemes.LabelOf(theme)}", StringComparison.Ordinal)).Message);

    private string AlertIdOf(string theme) => Assert.Single(_deliveries.Started.ToList(), r => r.Purpose == SignalAlerts.Purpose
        && CardJson.Texts(CardJson.Of(r.Message)).Contains($"Feedback theme alert: {SignalThemes.LabelOf(theme)}", StringComparison.Ordinal)).IdempotencyKey;

    private JsonObject ComplimentCard(string theme) => CardJson.Of(Assert.Single(_deliveries.Started.ToList(), r => r.Purpose == SignalCompliments.Purpose
        && CardJson.Texts(CardJson.Of(r.Message)).Contains($"A compliment: {SignalThemes.LabelOf(theme)}", StringComparison.Ordinal)).Message);
}
