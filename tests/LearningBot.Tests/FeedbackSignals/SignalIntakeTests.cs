using System.Net;
using System.Text.Json.Nodes;
using LearningBot.FeedbackSignals;
using LearningBot.Tests.Cards;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static LearningBot.Tests.FeedbackSignals.SignalHarness;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// The way in from outside Teams through the real pipeline: the printable slip, the L&amp;D Support Team entering a slip
/// on a group's behalf (and nobody else), and moderators merging a signal into a theme that already exists.
/// </summary>
public sealed class SignalIntakeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string SendTo = "ld.support@example.nhs.uk, or the L&D office at the Learning Centre";

    private SignalHarness _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await SignalHarness.StartAsync(azurite, services => services.AddSingleton<IOptions<SignalSlipOptions>>(
            Options.Create(new SignalSlipOptions { SendTo = SendTo, PublicBaseUrl = "https://learningbot.example.org/" })));
        await _hub.SetChannelAsync();
        _hub.Bot.Connector.Reset();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_slip_page_offers_every_answer_of_every_list_with_the_warning_and_where_to_send_it()
    {
        var response = await _hub.Bot.Client.GetAsync(new Uri(SignalSlipPage.Path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        IReadOnlyList<SignalChoice>[] lists =
            [SlipChoices.Senders, SignalChoices.Sources, SignalChoices.OrganisationKinds, SignalChoices.ServiceAreas, ThemeChoices.All, SignalChoices.Kinds, SignalChoices.Frequencies, SignalChoices.Causes];
        foreach (var choice in lists.SelectMany(list => list))
        {
            Assert.Contains($"</span> {choice.Title}</li>", page, StringComparison.Ordinal);
        }

        Assert.Contains(SignalSlipPage.Warning, page, StringComparison.Ordinal);
        Assert.Contains("Complaints, safeguarding concerns and incidents go through the organisation's own process first.", page, StringComparison.Ordinal);
        Assert.Contains("names or details of patients, service users or staff", page, StringComparison.Ordinal);
        Assert.Contains($"Please send the slip to {SendTo}.", page, StringComparison.Ordinal);
        Assert.Contains("Month (not a date)", page, StringComparison.Ordinal);
        Assert.Contains("size: A4", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liaison_staff_get_the_slips_link_with_signal_slip()
    {
        await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, "signal slip").From(Liaison));

        var reply = Assert.Single(_hub.Bot.Connector.Sent, s => s.ConversationId != Channel).Activity.Text;
        Assert.Contains("https://learningbot.example.org/signals/slip", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_LD_Support_Team_enters_a_slip_stored_as_on_behalf_for_the_month_chosen_and_the_moderation_card_says_so()
    {
        var form = await OpenSlipFormAsync(SupportTeam);
        var months = CardJson.ById(form, SlipInputs.SlipMonth)["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()).ToList();
        var inputs = SlipAnswers();
        inputs[SlipInputs.ReceivedFromName] = "Riverside Advocacy";

        var thanks = await _hub.PressAsync(SupportTeam, form, SignalIntakeVerbs.LogSlip, inputs);

        Assert.Equal(12, months.Count);
        Assert.Equal(("2026-12", "2026-01"), (months[0], months[^1]));
        Assert.Contains("Thank you", CardJson.Texts(thanks), StringComparison.Ordinal);
        var signal = await Signals.FindAsync(FeedbackSignal.IdFor(SupportTeam.AadObjectId, SlipToken(form)), CancellationToken.None);
        Assert.NotNull(signal);
        Assert.Equal((true, "2026-10", "advocacy-service", "Riverside Advocacy", FeedbackSignal.AwaitingModeration),
            (signal.LoggedOnBehalf, signal.MonthLogged, signal.ReceivedFrom, signal.ReceivedFromName, signal.Status));
        var card = await PostedCardAsync(signal.Id);
        var texts = CardJson.Texts(card);
        Assert.Contains("Entered by the L&D Support Team from a paper slip", texts, StringComparison.Ordinal);
        Assert.Contains("Sent in by: Advocacy service, Riverside Advocacy.", texts, StringComparison.Ordinal);
        Assert.Contains("October 2026", texts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2025-12")]
    [InlineData("2027-01")]
    [InlineData("2026-10-14")]
    public async Task Refuses_a_slip_month_outside_the_last_12_months_and_stores_nothing(string month)
    {
        var form = await OpenSlipFormAsync(SupportTeam);
        var inputs = SlipAnswers();
        inputs[SlipInputs.SlipMonth] = month;

        var refused = await _hub.PressAsync(SupportTeam, form, SignalIntakeVerbs.LogSlip, inputs);

        Assert.True(CardJson.HasId(refused, $"{SlipInputs.SlipMonth}-problem"));
        Assert.Null(await Signals.FindAsync(FeedbackSignal.IdFor(SupportTeam.AadObjectId, SlipToken(form)), CancellationToken.None));
    }

    [Fact]
    public async Task A_slips_group_name_is_stored_only_scrubbed()
    {
        var form = await OpenSlipFormAsync(SupportTeam);
        var inputs = SlipAnswers();
        inputs[SlipInputs.ReceivedFromName] = "Mrs Jane Smith on 07700 900123";

        var shown = await _hub.PressAsync(SupportTeam, form, SignalIntakeVerbs.LogSlip, inputs);
        var scrubbed = CardJson.ById(shown, SlipInputs.ReceivedFromName)["value"]!.GetValue<string>();
        inputs[SlipInputs.ReceivedFromName] = scrubbed;
        await _hub.PressAsync(SupportTeam, shown, SignalIntakeVerbs.LogSlip, inputs);

        Assert.DoesNotContain("900123", scrubbed, StringComparison.Ordinal);
        var signal = (await Signals.FindAsync(FeedbackSignal.IdFor(SupportTeam.AadObjectId, SlipToken(form)), CancellationToken.None))!;
        Assert.DoesNotContain("900123", signal.ReceivedFromName, StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", signal.ReceivedFromName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Liaison_staff_cannot_log_on_behalf_and_what_they_send_for_it_is_ignored()
    {
        await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, "log a slip").From(Liaison));
        var typed = Assert.Single(_hub.Bot.Connector.Sent, s => s.ConversationId != Channel).Activity.Text;
        _hub.Bot.Connector.Reset();
        var slipForm = await OpenSlipFormAsync(SupportTeam);
        var crafted = await _hub.PressForAnswerAsync(Liaison, slipForm, SignalIntakeVerbs.LogSlip, SlipAnswers());
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var ownForm = SlipAnswers();
        ownForm["loggedOnBehalf"] = true;
        await _hub.PressAsync(Liaison, form, SignalVerbs.Log, ownForm);

        Assert.Equal(SignalIntakeFeature.OnlySupportTeam, typed);
        Assert.Equal(SignalIntakeFeature.OnlySupportTeam, CardJson.MessageFromInvoke(crafted));
        Assert.Null(await Signals.FindAsync(FeedbackSignal.IdFor(Liaison.AadObjectId, SlipToken(slipForm)), CancellationToken.None));
        var own = (await _hub.StoredFromAsync(Liaison, form))!;
        Assert.Equal((false, string.Empty, "2026-12"), (own.LoggedOnBehalf, own.ReceivedFrom, own.MonthLogged));
        Assert.Empty(SignalCards.SlipText(own));
    }

    [Fact]
    public async Task A_moderator_merges_a_signal_into_an_existing_theme_of_its_organisation_kind_and_it_counts_there_once()
    {
        var first = await _hub.LogSignalAsync();
        await _hub.PressAsync(Moderator, await PostedCardAsync(first), SignalVerbs.Accept);
        var elsewhere = await LogAsync(Liaison, ("organisationKind", "council"), ("theme", "medicines"));
        await _hub.PressAsync(Moderator, await PostedCardAsync(elsewhere), SignalVerbs.Accept);
        var id = await LogAsync(Liaison, ("theme", "communication-and-information"), ("serviceArea", "outpatients"));

        var choosing = await _hub.PressAsync(Moderator, await PostedCardAsync(id), SignalIntakeVerbs.ChooseTheme);
        var offered = CardJson.ById(choosing, SlipInputs.ThemeKey)["choices"]!.AsArray().Select(c => (Value: c!["value"]!.GetValue<string>(), Title: c["title"]!.GetValue<string>())).ToList();
        var dementia = Assert.Single(offered, o => o.Title.StartsWith("Dementia, Inpatient wards", StringComparison.Ordinal));
        var merged = await _hub.PressAsync(Moderator, choosing, SignalIntakeVerbs.Merge, new JsonObject { [SlipInputs.ThemeKey] = dementia.Value });
        var again = await _hub.PressAsync(SecondModerator, choosing, SignalIntakeVerbs.Merge, new JsonObject { [SlipInputs.ThemeKey] = dementia.Value });

        Assert.DoesNotContain(offered, o => o.Title.StartsWith("Medicines", StringComparison.Ordinal));
        Assert.Contains("concerns fewer than 5", dementia.Title, StringComparison.Ordinal);
        var signal = (await Signals.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((FeedbackSignal.Accepted, true, "dementia", "inpatient-wards", Moderator.AadObjectId), (signal.Status, signal.Merged, signal.Theme, signal.ServiceArea, signal.DecidedBy));
        Assert.Contains("merged into an existing theme", CardJson.Texts(merged), StringComparison.Ordinal);
        Assert.Contains(SignalModeration.AlreadyDecided, CardJson.Texts(again), StringComparison.Ordinal);
        var theme = (await Alerts.FindThemeAsync("dementia", "inpatient-wards", "acute-trust", CancellationToken.None))!;
        Assert.Single(theme.Signals(), s => s.Id == id);
        Assert.Contains(theme.Signals(), s => s.Id == first);
        var untouched = await Alerts.FindThemeAsync("communication-and-information", "outpatients", "acute-trust", CancellationToken.None);
        Assert.DoesNotContain(untouched?.Signals() ?? [], s => s.Id == id);
        Assert.True(await Eventually.TrueAsync(async () => CardJson.Texts(await _hub.ModerationCardAsync(id)).Contains("merged into an existing theme", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rejects_a_theme_not_offered_for_merging_and_changes_nothing()
    {
        var first = await _hub.LogSignalAsync();
        await _hub.PressAsync(Moderator, await PostedCardAsync(first), SignalVerbs.Accept);
        var elsewhere = await LogAsync(Liaison, ("organisationKind", "council"), ("theme", "medicines"));
        await _hub.PressAsync(Moderator, await PostedCardAsync(elsewhere), SignalVerbs.Accept);
        var id = await _hub.LogSignalAsync();
        var choosing = await _hub.PressAsync(Moderator, await PostedCardAsync(id), SignalIntakeVerbs.ChooseTheme);

        var refused = await _hub.PressAsync(Moderator, choosing, SignalIntakeVerbs.Merge, new JsonObject { [SlipInputs.ThemeKey] = "medicines|care-homes|council" });

        Assert.True(CardJson.HasId(refused, $"{SlipInputs.ThemeKey}-problem"));
        Assert.Equal(FeedbackSignal.AwaitingModeration, (await Signals.FindAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task A_non_moderator_cannot_merge_and_nothing_changes()
    {
        var first = await _hub.LogSignalAsync();
        await _hub.PressAsync(Moderator, await PostedCardAsync(first), SignalVerbs.Accept);
        var id = await _hub.LogSignalAsync();
        var card = await PostedCardAsync(id);
        var choosing = await _hub.PressAsync(Moderator, card, SignalIntakeVerbs.ChooseTheme);
        var key = CardJson.ById(choosing, SlipInputs.ThemeKey)["choices"]![0]!["value"]!.GetValue<string>();

        var opened = await _hub.PressForAnswerAsync(Outsider, card, SignalIntakeVerbs.ChooseTheme);
        var merged = await _hub.PressForAnswerAsync(Liaison, choosing, SignalIntakeVerbs.Merge, new JsonObject { [SlipInputs.ThemeKey] = key });

        Assert.Equal(FeedbackSignalsFeature.OnlyModerators, CardJson.MessageFromInvoke(opened));
        Assert.Equal(FeedbackSignalsFeature.OnlyModerators, CardJson.MessageFromInvoke(merged));
        var signal = (await Signals.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((FeedbackSignal.AwaitingModeration, false), (signal.Status, signal.Merged));
    }

    [Fact]
    public async Task The_slip_form_and_the_merge_form_as_sent_follow_the_card_design_rules()
    {
        var first = await _hub.LogSignalAsync();
        await _hub.PressAsync(Moderator, await PostedCardAsync(first), SignalVerbs.Accept);
        var id = await _hub.LogSignalAsync();
        var choosing = await _hub.PressAsync(Moderator, await PostedCardAsync(id), SignalIntakeVerbs.ChooseTheme);
        var slipForm = await OpenSlipFormAsync(SupportTeam);

        foreach (var card in new[] { choosing, slipForm })
        {
            Assert.Empty(CardDesignRules.Inputs(card)
                .Concat(CardDesignRules.ExecuteActions(card))
                .Concat(CardDesignRules.TextWraps(card))
                .Concat(CardDesignRules.ActionCounts(card))
                .Concat(CardDesignRules.Size(card))
                .Concat(CardDesignRules.ThemeSafety(card)));
        }

        Assert.True(CardJson.HasId(choosing, SlipInputs.ThemeKey));
        Assert.True(CardJson.HasId(slipForm, SlipInputs.ReceivedFrom));
    }

    private FeedbackSignalStore Signals => _hub.Signals;

    private SignalAlerts Alerts => _hub.Bot.Services.GetRequiredService<SignalAlerts>();

    private static JsonObject SlipAnswers()
    {
        var answers = Answers();
        answers[SlipInputs.ReceivedFrom] = "advocacy-service";
        answers[SlipInputs.ReceivedFromName] = "";
        answers[SlipInputs.SlipMonth] = "2026-10";
        return answers;
    }

    private static string SlipToken(JsonObject form) =>
        CardJson.ActionByVerb(form, SignalIntakeVerbs.LogSlip)["data"]![SignalInputs.FormToken]!.GetValue<string>();

    private async Task<JsonObject> OpenSlipFormAsync(TestPerson person)
    {
        await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, "log a slip").From(person));
        var form = CardJson.Of(Assert.Single(_hub.Bot.Connector.Sent, s => s.ConversationId != Channel));
        _hub.Bot.Connector.Reset();
        return form;
    }

    /// <summary>Logs a signal with the usual answers but for <paramref name="changes"/>; its id.</summary>
    private async Task<string> LogAsync(TestPerson person, params (string Input, string Value)[] changes)
    {
        var form = await _hub.OpenFromWelcomeCardAsync(person);
        var answers = Answers();
        foreach (var (input, value) in changes)
        {
            answers[input] = value;
        }

        await _hub.PressAsync(person, form, SignalVerbs.Log, answers);
        return FeedbackSignal.IdFor(person.AadObjectId, FormToken(form));
    }

    private async Task<JsonObject> PostedCardAsync(string signalId)
    {
        Assert.True(await Eventually.TrueAsync(async () => await _hub.ModerationCardAsync(signalId) is not null, TimeSpan.FromSeconds(30)), "The moderation card was not posted.");
        return (await _hub.ModerationCardAsync(signalId))!;
    }
}
