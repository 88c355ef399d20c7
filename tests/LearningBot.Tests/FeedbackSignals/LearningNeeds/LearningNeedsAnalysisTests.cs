using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearningBot.Delivery;
using LearningBot.FeedbackSignals;
using LearningBot.FeedbackSignals.LearningNeeds;
using LearningBot.Leads;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.FeedbackSignals.SignalHarness;

namespace LearningBot.Tests.FeedbackSignals.LearningNeeds;

/// <summary>
/// Learning needs analyses through the real pipeline: a theme is alerted (signals logged and accepted on their cards), a
/// lead presses Learning needs analysis on the alert, edits the draft in Teams and prints it. Each test uses a
/// theme of its own, so the tests share the tables safely.
/// </summary>
public sealed partial class LearningNeedsAnalysisTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private static readonly TestPerson Lead = new("29:lia-lead", "b2c3d4e5-0000-4000-8000-00000000b001", "Lia Lead");
    private static readonly TestPerson OtherLead = new("29:otto-lead", "b2c3d4e5-0000-4000-8000-00000000b002", "Otto Lead");

    private readonly InMemoryDeliveries _deliveries = new();
    private SignalHarness _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await SignalHarness.StartAsync(azurite, services => services.AddSingleton<IDeliveries>(_deliveries));
        await _hub.SetChannelAsync();
        await _hub.AddLeadAsync(Lead, "acute-trust", [.. SignalThemes.All.Select(t => t.Id)]);
        await _hub.AddLeadAsync(OtherLead, "council", [.. SignalThemes.All.Select(t => t.Id)]);
        await Store.FindAsync("none", CancellationToken.None);
        _hub.Bot.Connector.Reset();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    private LearningNeedsStore Store => _hub.Bot.Services.GetRequiredService<LearningNeedsStore>();

    [Fact]
    public async Task A_recipient_starts_the_analysis_filled_in_from_the_theme_with_no_count_below_five()
    {
        await _hub.LogAndModerateAsync("dementia", "pals", note: "Staff did not seem to know how to use the dementia passport.");
        await _hub.LogAndModerateAsync("dementia", "pals");
        await _hub.LogAndModerateAsync("dementia", "survey");
        var alert = AlertCardFor("dementia");

        var draft = await _hub.PressAsync(Lead, alert, LearningNeedsVerbs.Start);

        var texts = CardJson.Texts(draft);
        Assert.Contains("Learning needs analysis: Dementia", texts, StringComparison.Ordinal);
        Assert.Contains(CountBands.FewerThanFive, texts, StringComparison.Ordinal);
        Assert.Contains("December 2026", texts, StringComparison.Ordinal);
        Assert.Contains("Staff did not seem to know how to use the dementia passport.", texts, StringComparison.Ordinal);
        Assert.Contains("A community of practice: ask me \"communities of practice\"", Input(draft, LnaInputs.Approaches), StringComparison.Ordinal);
        Assert.Contains("staffing", Input(draft, LnaInputs.WhyLearning), StringComparison.Ordinal);
        Assert.Contains("dementia in ", Input(draft, LnaInputs.Need), StringComparison.Ordinal);
        Assert.DoesNotContain("Lena", texts, StringComparison.Ordinal);
        foreach (var fact in CardJson.Descendants(draft).Where(n => CardJson.Type(n) == "FactSet").SelectMany(f => f["facts"]!.AsArray()))
        {
            Assert.DoesNotMatch(@"\b[1-4]\b", fact!["value"]!.GetValue<string>());
        }

        var stored = (await Store.FindAsync(AlertIdOf(alert), CancellationToken.None))!;
        Assert.Equal((LearningNeedsAnalysis.Draft, Lead.AadObjectId, CountBands.FewerThanFive), (stored.Status, stored.StartedBy, stored.ConcernsBand));
    }

    [Fact]
    public async Task Pressing_start_twice_opens_the_same_draft()
    {
        await _hub.LogAndModerateAsync("end-of-life", urgent: true);
        var alert = AlertCardFor("end-of-life");

        var drafts = await Task.WhenAll(_hub.PressAsync(Lead, alert, LearningNeedsVerbs.Start), _hub.PressAsync(Lead, alert, LearningNeedsVerbs.Start));
        var again = await _hub.PressAsync(SupportTeam, alert, LearningNeedsVerbs.Start);

        var analyses = (await Store.ListAsync(CancellationToken.None)).Where(a => a.AlertId == AlertIdOf(alert)).ToList();
        Assert.Equal(1, Assert.Single(analyses).Version);
        Assert.All([.. drafts, again], card => Assert.Equal(AlertIdOf(alert), AnalysisIdOf(card)));
    }

    [Fact]
    public async Task Someone_not_sent_the_alert_and_not_in_the_support_team_cannot_start_open_or_edit_it()
    {
        await _hub.LogAndModerateAsync("interpreting", urgent: true);
        var alert = AlertCardFor("interpreting");

        var refused = CardJson.MessageFromInvoke(await _hub.PressForAnswerAsync(OtherLead, alert, LearningNeedsVerbs.Start));
        Assert.Equal(LnaAccess.NotYours, refused);
        Assert.Null(await Store.FindAsync(AlertIdOf(alert), CancellationToken.None));

        var draft = await _hub.PressAsync(Lead, alert, LearningNeedsVerbs.Start);
        foreach (var person in new[] { OtherLead, Outsider })
        {
            Assert.Equal(LnaAccess.NotYours, CardJson.MessageFromInvoke(await _hub.PressForAnswerAsync(person, draft, LearningNeedsVerbs.Save, Edited(draft, "Taken over."))));
            Assert.Equal(LnaAccess.NotYours, CardJson.MessageFromInvoke(await _hub.PressForAnswerAsync(person, OpenButton(AnalysisIdOf(draft)), LearningNeedsVerbs.Open)));
        }

        var stored = (await Store.FindAsync(AlertIdOf(alert), CancellationToken.None))!;
        Assert.Equal(1, stored.Version);
        Assert.DoesNotContain("Taken over.", stored.Need, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_are_stored_only_scrubbed_after_the_editor_saw_what_was_removed()
    {
        await _hub.LogAndModerateAsync("moving-and-handling", urgent: true);
        var draft = await _hub.PressAsync(Lead, AlertCardFor("moving-and-handling"), LearningNeedsVerbs.Start);
        var id = AnalysisIdOf(draft);

        var shown = await _hub.PressAsync(Lead, draft, LearningNeedsVerbs.Save, Edited(draft, "Hoist use on ward 4; see patient NHS number 943 476 5919, call 07700 900123."));

        Assert.Contains("Not saved yet", CardJson.Texts(shown), StringComparison.Ordinal);
        Assert.Contains("NHS number", CardJson.Texts(shown), StringComparison.Ordinal);
        Assert.DoesNotContain("943 476 5919", Input(shown, LnaInputs.Need), StringComparison.Ordinal);
        Assert.Equal(1, (await Store.FindAsync(id, CancellationToken.None))!.Version);

        var saved = await _hub.PressAsync(Lead, shown, LearningNeedsVerbs.Save, Inputs(shown));

        Assert.Contains(LearningNeedsFeature.Saved, CardJson.Texts(saved), StringComparison.Ordinal);
        var stored = (await Store.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((2, Lead.AadObjectId), (stored.Version, stored.EditedBy));
        Assert.StartsWith("Hoist use on ward 4", stored.Need, StringComparison.Ordinal);
        Assert.DoesNotContain("943 476 5919", stored.Need, StringComparison.Ordinal);
        Assert.DoesNotContain("07700 900123", stored.Need, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_part_left_empty_is_refused_and_nothing_is_saved()
    {
        await _hub.LogAndModerateAsync("medicines", urgent: true);
        var draft = await _hub.PressAsync(Lead, AlertCardFor("medicines"), LearningNeedsVerbs.Start);
        var inputs = Inputs(draft);
        inputs[LnaInputs.WhyLearning] = "";

        await _hub.PressForAnswerAsync(Lead, draft, LearningNeedsVerbs.Ready, inputs);

        var stored = (await Store.FindAsync(AnalysisIdOf(draft), CancellationToken.None))!;
        Assert.Equal((1, LearningNeedsAnalysis.Draft), (stored.Version, stored.Status));
    }

    [Fact]
    public async Task Of_two_editors_saving_the_same_version_the_second_gets_the_first_ones_text_back_with_a_notice()
    {
        await _hub.LogAndModerateAsync("infection-prevention", urgent: true);
        var alert = AlertCardFor("infection-prevention");
        var leadsCard = await _hub.PressAsync(Lead, alert, LearningNeedsVerbs.Start);
        var supportCard = await _hub.PressAsync(SupportTeam, alert, LearningNeedsVerbs.Start);

        var first = await _hub.PressAsync(Lead, leadsCard, LearningNeedsVerbs.Ready, Edited(leadsCard, "Hand hygiene audits show a gap on night shifts."));
        var second = await _hub.PressAsync(SupportTeam, supportCard, LearningNeedsVerbs.Save, Edited(supportCard, "Glove use in outpatients."));

        Assert.Contains(LearningNeedsFeature.MarkedReady, CardJson.Texts(first), StringComparison.Ordinal);
        Assert.Contains(LearningNeedsFeature.Conflict, CardJson.Texts(second), StringComparison.Ordinal);
        Assert.Equal("Hand hygiene audits show a gap on night shifts.", Input(second, LnaInputs.Need));
        var stored = (await Store.FindAsync(AnalysisIdOf(first), CancellationToken.None))!;
        Assert.Equal((2, LearningNeedsAnalysis.ReadyStatus, "Hand hygiene audits show a gap on night shifts."), (stored.Version, stored.Status, stored.Need));
    }

    [Fact]
    public async Task The_printable_link_shows_the_analysis_escaped_and_a_changed_link_shows_nothing()
    {
        await _hub.LogAndModerateAsync("nutrition-and-hydration", urgent: true);
        var draft = await _hub.PressAsync(Lead, AlertCardFor("nutrition-and-hydration"), LearningNeedsVerbs.Start);
        var saved = await _hub.PressAsync(Lead, draft, LearningNeedsVerbs.Save, Edited(draft, "Meal times <script>alert(1)</script> & drinks out of reach."));
        var link = new Uri(PrintLink().Match(CardJson.Texts(saved)).Groups[1].Value);

        var page = await _hub.Bot.Client.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Learning needs analysis: Nutrition and hydration", html, StringComparison.Ordinal);
        Assert.Contains("Meal times &lt;script&gt;alert(1)&lt;/script&gt; &amp; drinks out of reach.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("@page { size: A4", html, StringComparison.Ordinal);

        var query = System.Web.HttpUtility.ParseQueryString(link.Query);
        var otherId = new string('0', 32);
        foreach (var tampered in new[]
        {
            link.AbsolutePath + $"?exp={query["exp"]}&sig={query["sig"]![..^2]}AA",
            link.AbsolutePath + $"?exp={long.Parse(query["exp"]!, System.Globalization.CultureInfo.InvariantCulture) + 3600}&sig={query["sig"]}",
            $"/analyses/{otherId}/print?exp={query["exp"]}&sig={query["sig"]}",
            link.AbsolutePath,
        })
        {
            var refused = await _hub.Bot.Client.GetAsync(tampered);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("Nutrition", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task My_analyses_lists_only_the_drafts_the_caller_may_edit()
    {
        await _hub.LogAndModerateAsync("safeguarding-awareness", urgent: true);
        var draft = await _hub.PressAsync(Lead, AlertCardFor("safeguarding-awareness"), LearningNeedsVerbs.Start);

        var lead = await CommandAsync(Lead, "my analyses");
        var support = await CommandAsync(SupportTeam, "learning needs analyses");
        var other = await CommandAsync(OtherLead, "my analyses");

        var listed = CardJson.Actions(lead, LearningNeedsVerbs.Open).Select(a => a["data"]!["analysisId"]!.GetValue<string>());
        Assert.Contains(AnalysisIdOf(draft), listed);
        Assert.Contains(AnalysisIdOf(draft), CardJson.Actions(support, LearningNeedsVerbs.Open).Select(a => a["data"]!["analysisId"]!.GetValue<string>()));
        Assert.Contains(LearningNeedsFeature.NoneToEdit, CardJson.Texts(other), StringComparison.Ordinal);
        var opened = await _hub.PressAsync(Lead, OpenButton(AnalysisIdOf(draft)), LearningNeedsVerbs.Open);
        Assert.Equal(AnalysisIdOf(draft), AnalysisIdOf(opened));
    }

    [Fact]
    public async Task A_lead_who_started_the_analysis_goes_back_to_the_alert_and_records_what_was_done()
    {
        await _hub.LogAndModerateAsync("mental-health-awareness", urgent: true);
        var alert = AlertCardFor("mental-health-awareness");
        var taken = await _hub.PressAsync(Lead, alert, SignalAlertVerbs.Take);
        var draft = await _hub.PressAsync(Lead, taken, LearningNeedsVerbs.Start);

        var back = await _hub.PressAsync(Lead, draft, LearningNeedsVerbs.BackToAlert);

        Assert.Contains("Feedback theme alert: Mental health awareness", CardJson.Texts(back), StringComparison.Ordinal);
        Assert.Contains("Taken by a lead.", CardJson.Texts(back), StringComparison.Ordinal);
        Assert.Equal(AlertIdOf(alert), AlertIdOf(back));
        var form = await _hub.PressAsync(Lead, back, YouSaidWeDidVerbs.Form);
        var month = CardJson.ById(form, "month")["choices"]![0]!["value"]!.GetValue<string>();
        var recorded = await _hub.PressAsync(Lead, form, YouSaidWeDidVerbs.Record, new JsonObject { ["done"] = "Mental health first aid sessions for every team.", ["month"] = month, ["link"] = "" });
        Assert.Contains(YouSaidWeDidFeature.Saved, CardJson.Texts(recorded), StringComparison.Ordinal);

        var again = await _hub.PressAsync(Lead, draft, LearningNeedsVerbs.BackToAlert);

        Assert.Contains("Mental health first aid sessions for every team.", CardJson.Texts(again), StringComparison.Ordinal);
        Assert.Empty(CardJson.Actions(again, SignalAlertVerbs.Take));
    }

    [Fact]
    public async Task Someone_who_may_not_open_the_analysis_is_not_shown_its_alert()
    {
        await _hub.LogAndModerateAsync("dignity-and-respect", urgent: true);
        var draft = await _hub.PressAsync(Lead, AlertCardFor("dignity-and-respect"), LearningNeedsVerbs.Start);

        foreach (var person in new[] { OtherLead, Outsider })
        {
            var refused = await _hub.PressForAnswerAsync(person, draft, LearningNeedsVerbs.BackToAlert);
            Assert.Equal(LnaAccess.NotYours, CardJson.MessageFromInvoke(refused));
        }

        var support = await _hub.PressAsync(SupportTeam, draft, LearningNeedsVerbs.BackToAlert);
        Assert.Contains("Feedback theme alert: Dignity and respect", CardJson.Texts(support), StringComparison.Ordinal);
    }

    /// <summary>The card of the alert raised for the theme, as the leads were sent it.</summary>
    private JsonObject AlertCardFor(string theme) =>
        CardJson.Of(Assert.Single(_deliveries.Started.ToList(), r => r.Purpose == SignalAlerts.Purpose
            && CardJson.Texts(CardJson.Of(r.Message)).Contains($"Feedback theme alert: {SignalThemes.LabelOf(theme)}", StringComparison.Ordinal)).Message);

    /// <summary>What <paramref name="person"/> got back for the command: the card, or the text wrapped as a card's texts.</summary>
    private async Task<JsonObject> CommandAsync(TestPerson person, string command)
    {
        _hub.Bot.Connector.Reset();
        await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, command).From(person));
        var sent = Assert.Single(_hub.Bot.Connector.Sent);
        return sent.Activity.Attachments is { Count: > 0 } ? CardJson.Of(sent) : new JsonObject { ["text"] = sent.Activity.Text };
    }

    /// <summary>A card holding only the list's Open button for the analysis.</summary>
    private static JsonObject OpenButton(string analysisId) => new()
    {
        ["type"] = "AdaptiveCard",
        ["body"] = new JsonArray(new JsonObject
        {
            ["type"] = "ActionSet",
            ["actions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = LearningNeedsVerbs.Open,
                ["data"] = new JsonObject { ["analysisId"] = analysisId },
            }),
        }),
    };

    private static string AlertIdOf(JsonObject alertCard) =>
        CardJson.ActionByVerb(alertCard, LearningNeedsVerbs.Start)["data"]!["alertId"]!.GetValue<string>();

    private static string AnalysisIdOf(JsonObject draft) =>
        CardJson.ActionByVerb(draft, LearningNeedsVerbs.Save)["data"]!["analysisId"]!.GetValue<string>();

    private static string Input(JsonObject card, string id) => CardJson.ById(card, id)["value"]?.GetValue<string>() ?? string.Empty;

    /// <summary>The card's inputs as it shows them.</summary>
    private static JsonObject Inputs(JsonObject card)
    {
        var inputs = new JsonObject();
        foreach (var id in LnaInputs.All)
        {
            inputs[id] = Input(card, id);
        }

        return inputs;
    }

    /// <summary>The card's inputs with the service need changed.</summary>
    private static JsonObject Edited(JsonObject card, string need)
    {
        var inputs = Inputs(card);
        inputs[LnaInputs.Need] = need;
        return inputs;
    }

    [GeneratedRegex(@"\((https?://[^)\s]+/print\?[^)\s]+)\)")]
    private static partial Regex PrintLink();
}
