using System.Text.Json.Nodes;
using LearningBot.Delivery;
using LearningBot.FeedbackSignals;
using LearningBot.Leads;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.FeedbackSignals.SignalHarness;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// Themes and alerts through the real pipeline: signals logged and accepted on their moderation cards count into their
/// theme; a theme over the rule starts one delivery of the alert card to its leads; leads answer on the card.
/// Each test uses a theme of its own, so the tests share the tables safely.
/// </summary>
public sealed class SignalAlertTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson DementiaLead = new("29:dee-lead", "a1b2c3d4-0000-4000-8000-00000000a001", "Dee Lead");
    private static readonly TestPerson OtherDementiaLead = new("29:ola-lead", "a1b2c3d4-0000-4000-8000-00000000a002", "Ola Lead");
    private static readonly TestPerson LearningLead = new("29:lil-lead", "a1b2c3d4-0000-4000-8000-00000000a003", "Lil Lead");
    private static readonly TestPerson CouncilLead = new("29:cal-lead", "a1b2c3d4-0000-4000-8000-00000000a004", "Cal Lead");
    private static readonly TestPerson MedicinesLead = new("29:med-lead", "a1b2c3d4-0000-4000-8000-00000000a005", "Med Lead");
    private static readonly TestPerson RetiredLead = new("29:ret-lead", "a1b2c3d4-0000-4000-8000-00000000a006", "Ret Lead");

    private readonly InMemoryDeliveries _deliveries = new();
    private SignalHarness _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await SignalHarness.StartAsync(azurite, services => services.AddSingleton<IDeliveries>(_deliveries));
        await _hub.SetChannelAsync();
        var register = _hub.Bot.Services.GetRequiredService<LeadRegister>();
        await AddLeadAsync(register, DementiaLead, "acute-trust", ["dementia", "end-of-life", "interpreting", "nutrition-and-hydration", "dignity-and-respect", "handover-between-organisations"]);
        await AddLeadAsync(register, OtherDementiaLead, "acute-trust", ["dementia", "end-of-life", "interpreting", "nutrition-and-hydration", "dignity-and-respect", "handover-between-organisations"]);
        await AddLeadAsync(register, LearningLead, "acute-trust", ["other"], kind: LeadEntry.LearningLeadKind);
        await AddLeadAsync(register, CouncilLead, "council", ["dementia", "end-of-life", "interpreting", "nutrition-and-hydration"]);
        await AddLeadAsync(register, MedicinesLead, "acute-trust", ["medicines"]);
        var retired = await AddLeadAsync(register, RetiredLead, "acute-trust", ["dementia", "end-of-life", "interpreting"]);
        await register.ChangeAsync(retired.PersonKey, entry => new LearningBot.Storage.EntityDecision<LeadEntry>.Write(entry.Retire("test", DateTimeOffset.UtcNow)), CancellationToken.None);
        _hub.Bot.Connector.Reset();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Three_accepted_concerns_from_two_sources_raise_one_alert_to_exactly_the_matching_leads()
    {
        await AcceptAsync("dementia", "pals");
        await AcceptAsync("dementia", "pals");
        Assert.Empty(StartedFor("dementia"));

        await AcceptAsync("dementia", "survey");

        var delivery = Assert.Single(StartedFor("dementia"));
        var sentTo = delivery.Recipients.Select(r => r.Key).ToList();
        Assert.Subset(sentTo.ToHashSet(), new[] { DementiaLead, OtherDementiaLead, LearningLead }.Select(p => p.AadObjectId).ToHashSet());
        Assert.DoesNotContain(CouncilLead.AadObjectId, sentTo);
        Assert.DoesNotContain(MedicinesLead.AadObjectId, sentTo);
        Assert.DoesNotContain(RetiredLead.AadObjectId, sentTo);
        var register = await _hub.Bot.Services.GetRequiredService<LeadRegister>().ListAsync(CancellationToken.None);
        Assert.All(sentTo, key => Assert.Contains(register, lead => lead.PersonKey == key && !lead.Retired && lead.OrganisationKind == "acute-trust"
            && (lead.IsLearningLead || lead.SpecialtyIds().Contains("dementia"))));
        var alert = (await Alerts.FindAsync(delivery.IdempotencyKey, CancellationToken.None))!;
        Assert.Equal(SignalAlert.Open, alert.Status);
        // Leads who chose weekly alerts are recipients too, but get the alert in their weekly bundle.
        var weekly = register.Where(lead => lead.AlertPreference == AlertPreferences.Weekly).Select(lead => lead.PersonKey).ToHashSet();
        Assert.Equal(delivery.Recipients.Select(r => r.Key).Order(), alert.RecipientKeys().Where(key => !weekly.Contains(key)).Order());
    }

    [Fact]
    public async Task Three_concerns_from_one_source_raise_no_alert()
    {
        for (var i = 0; i < 3; i++)
        {
            await AcceptAsync("end-of-life", "pals");
        }

        var theme = await Alerts.FindThemeAsync("end-of-life", "inpatient-wards", "acute-trust", CancellationToken.None);
        Assert.Equal(3, theme!.Signals().Count);
        Assert.False(theme.InAlert);
        Assert.Empty(StartedFor("end-of-life"));
    }

    [Fact]
    public async Task One_concern_flagged_urgent_raises_an_alert_at_once()
    {
        await AcceptAsync("interpreting", "pals", urgent: true);

        var delivery = Assert.Single(StartedFor("interpreting"));
        Assert.Contains(DementiaLead.AadObjectId, delivery.Recipients.Select(r => r.Key));
    }

    [Fact]
    public async Task Accepting_the_same_signal_twice_counts_it_once()
    {
        var (id, card) = await LogAndAcceptAsync("nutrition-and-hydration", "pals");
        await _hub.PressForAnswerAsync(SecondModerator, card, SignalVerbs.Accept);
        await Alerts.CountAsync((await _hub.Signals.FindAsync(id, CancellationToken.None))!, CancellationToken.None);

        var theme = await Alerts.FindThemeAsync("nutrition-and-hydration", "inpatient-wards", "acute-trust", CancellationToken.None);
        Assert.Equal([id], theme!.Signals().Select(s => s.Id));
    }

    [Fact]
    public async Task A_theme_still_over_the_rule_is_not_alerted_again()
    {
        await AcceptAsync("dignity-and-respect", "pals");
        await AcceptAsync("dignity-and-respect", "pals");
        await AcceptAsync("dignity-and-respect", "survey");
        await AcceptAsync("dignity-and-respect", "survey");
        await AcceptAsync("dignity-and-respect", "pals");

        Assert.Single(StartedFor("dignity-and-respect"));
        var theme = await Alerts.FindThemeAsync("dignity-and-respect", "inpatient-wards", "acute-trust", CancellationToken.None);
        Assert.Equal(1, theme!.Crossings);
    }

    [Fact]
    public async Task The_alert_card_shows_counts_below_five_only_as_a_band()
    {
        await AcceptAsync("communication-and-information", "pals", urgent: true, note: "Staff did not explain the new leaflet.");

        var delivery = Assert.Single(StartedFor("communication-and-information"));
        var card = CardJson.Of(delivery.Message);
        var texts = CardJson.Texts(card);
        Assert.Contains("fewer than 5", texts, StringComparison.Ordinal);
        Assert.Contains("Staff did not explain the new leaflet.", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("Lena", texts, StringComparison.Ordinal);
        foreach (var fact in card["body"]!.AsArray().Where(e => e?["type"]?.GetValue<string>() == "FactSet").SelectMany(e => e!["facts"]!.AsArray()))
        {
            Assert.DoesNotMatch(@"^\d+$", fact!["value"]!.GetValue<string>());
        }

        Assert.Equal(CountBands.FewerThanFive, CountBands.InWords(4));
        Assert.Equal(CountBands.FiveToNine, CountBands.InWords(5));
        Assert.Equal(CountBands.TenOrMore, CountBands.InWords(10));
    }

    [Fact]
    public async Task A_lead_who_was_not_sent_the_alert_cannot_act_on_it()
    {
        await AcceptAsync("safeguarding-awareness", "pals", urgent: true);
        var delivery = Assert.Single(StartedFor("safeguarding-awareness"));
        var card = CardJson.Of(delivery.Message);

        var answer = await _hub.PressForAnswerAsync(MedicinesLead, card, SignalAlertVerbs.Take);

        Assert.Contains(SignalAlertsFeature.NotYours, answer.ToJsonString(), StringComparison.Ordinal);
        var alert = (await Alerts.FindAsync(delivery.IdempotencyKey, CancellationToken.None))!;
        Assert.Equal((SignalAlert.Open, (string?)null), (alert.Status, alert.Owner));
    }

    [Fact]
    public async Task Two_leads_pressing_take_make_one_owner()
    {
        await AcceptAsync("handover-between-organisations", "pals", urgent: true);
        var delivery = Assert.Single(StartedFor("handover-between-organisations"));
        var card = CardJson.Of(delivery.Message);

        var answers = await Task.WhenAll(
            _hub.PressAsync(LearningLead, card, SignalAlertVerbs.Take),
            _hub.PressAsync(DementiaLead, card, SignalAlertVerbs.Take));

        var alert = (await Alerts.FindAsync(delivery.IdempotencyKey, CancellationToken.None))!;
        Assert.Equal(SignalAlert.Taken, alert.Status);
        Assert.Contains(alert.Owner, new[] { LearningLead.AadObjectId, DementiaLead.AadObjectId });
        Assert.Single(answers, a => CardJson.Texts(a).Contains(SignalAlertsFeature.AlreadyAnswered, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Already_in_hand_needs_a_note_and_stores_it_scrubbed()
    {
        await AcceptAsync("moving-and-handling", "pals", urgent: true);
        var delivery = Assert.Single(StartedFor("moving-and-handling"));
        var form = CardJson.FromInvoke(await _hub.PressTitledAsync(LearningLead, CardJson.Of(delivery.Message), "Already in hand"));

        var refused = await _hub.PressForAnswerAsync(LearningLead, form, SignalAlertVerbs.InHand, new JsonObject { ["note"] = "" });
        Assert.Equal(SignalAlert.Open, (await Alerts.FindAsync(delivery.IdempotencyKey, CancellationToken.None))!.Status);
        Assert.DoesNotContain("Already in hand, says", refused.ToJsonString(), StringComparison.Ordinal);

        var done = await _hub.PressAsync(LearningLead, form, SignalAlertVerbs.InHand, new JsonObject { ["note"] = "Training booked for January." });

        Assert.Contains("Already in hand", CardJson.Texts(done), StringComparison.Ordinal);
        Assert.Equal(SignalAlert.InHand, (await Alerts.FindAsync(delivery.IdempotencyKey, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_alert_with_no_matching_lead_is_recorded_as_no_lead_and_posted_in_the_LD_channel()
    {
        var register = _hub.Bot.Services.GetRequiredService<LeadRegister>();
        foreach (var lead in (await register.ListAsync(CancellationToken.None)).Where(l => l.OrganisationKind == "voluntary-sector"))
        {
            await register.ChangeAsync(lead.PersonKey, entry => new LearningBot.Storage.EntityDecision<LeadEntry>.Write(entry.Retire("test", DateTimeOffset.UtcNow)), CancellationToken.None);
        }

        await AcceptAsync("medicines", "pals", urgent: true, organisationKind: "voluntary-sector");

        Assert.Empty(StartedFor("medicines"));
        var theme = await Alerts.FindThemeAsync("medicines", "inpatient-wards", "voluntary-sector", CancellationToken.None);
        var alert = (await Alerts.FindAsync(theme!.AlertId!, CancellationToken.None))!;
        Assert.Equal((SignalAlert.NoLead, ""), (alert.Status, alert.Recipients));
        Assert.True(await Eventually.TrueAsync(() => _hub.Bot.Connector.Sent.Any(s => s.ConversationId == Channel
            && CardJson.Texts(s.Activity).Contains("Feedback theme alert: Medicines", StringComparison.Ordinal))), "The alert was never posted in the L&D channel.");
    }

    private SignalAlerts Alerts => _hub.Bot.Services.GetRequiredService<SignalAlerts>();

    /// <summary>The alert deliveries started for the theme (its alerts' ids are the deliveries' idempotency keys).</summary>
    private IReadOnlyList<DeliveryRequest> StartedFor(string theme)
    {
        // Read after the turns that start deliveries have answered: the alert is started inside the moderator's turn.
        return [.. _deliveries.Started.ToList().Where(r => r.Purpose == SignalAlerts.Purpose
            && CardJson.Texts(CardJson.Of(r.Message)).Contains($"Feedback theme alert: {SignalThemes.LabelOf(theme)}", StringComparison.Ordinal))];
    }

    /// <summary>Lena logs a concern about the theme heard through the source; a moderator accepts it on its card. Its id.</summary>
    private async Task<string> AcceptAsync(string theme, string source, bool urgent = false, string note = "", string organisationKind = "acute-trust") =>
        (await LogAndAcceptAsync(theme, source, urgent, note, organisationKind)).Id;

    /// <summary>The same, with the moderation card as it was before the moderator pressed.</summary>
    private async Task<(string Id, JsonObject Card)> LogAndAcceptAsync(string theme, string source, bool urgent = false, string note = "", string organisationKind = "acute-trust")
    {
        await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, "feedback").From(Liaison));
        var form = CardJson.Of(_hub.Bot.Connector.Sent.Last(s => s.ConversationId != Channel));
        var answers = Answers();
        answers[SignalInputs.Theme] = theme;
        answers[SignalInputs.Source] = source;
        answers[SignalInputs.OrganisationKind] = organisationKind;
        answers[SignalInputs.Note] = note;
        await _hub.PressAsync(Liaison, form, SignalVerbs.Log, answers);
        var id = FeedbackSignal.IdFor(Liaison.AadObjectId, FormToken(form));
        JsonObject? card = null;
        Assert.True(await Eventually.TrueAsync(async () => (card = await _hub.ModerationCardAsync(id)) is not null), "The moderation card was never posted.");
        await _hub.PressForAnswerAsync(Moderator, card!, urgent ? SignalVerbs.Urgent : SignalVerbs.Accept);
        return (id, card!);
    }

    private static async Task<LeadEntry> AddLeadAsync(LeadRegister register, TestPerson person, string organisationKind, string[] themes, string kind = "clinical-lead")
    {
        var details = new LeadDetails(ScrubbedText.Empty, ScrubbedText.Empty, organisationKind, themes, AlertPreferences.StraightAway);
        var (entry, _) = await register.AddAsync(LeadEntry.Create(details, person.AadObjectId, person.Name, "test", DateTimeOffset.UtcNow) with { Kind = kind }, CancellationToken.None);
        return entry;
    }
}
