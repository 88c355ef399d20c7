using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.FeedbackSignals;
using LearningBot.Telemetry;
using LearningBot.Tests.Support;
using static LearningBot.Tests.FeedbackSignals.SignalHarness;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// Logging a feedback signal through the real pipeline (endpoint → router → feature → Azurite): who may log, what the
/// form checks, what is scrubbed, and what is stored.
/// </summary>
public sealed class FeedbackSignalLogTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private SignalHarness _hub = null!;

    public async Task InitializeAsync() => _hub = await SignalHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task The_welcome_cards_button_opens_the_form_with_every_list_and_the_warning_first()
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);

        var texts = CardJson.Texts(form);
        Assert.Contains("Record a feedback signal", texts, StringComparison.Ordinal);
        Assert.Contains("safeguarding concerns and incidents go through your organisation's own process first", texts, StringComparison.Ordinal);
        Assert.Contains("a signal is about a theme, not a person", texts, StringComparison.Ordinal);
        foreach (var input in new[] { SignalInputs.Source, SignalInputs.OrganisationKind, SignalInputs.ServiceArea, SignalInputs.Theme, SignalInputs.Kind, SignalInputs.Frequency, SignalInputs.Cause })
        {
            var list = CardJson.ById(form, input);
            Assert.Equal("Input.ChoiceSet", list["type"]!.GetValue<string>());
            Assert.Equal("compact", list["style"]!.GetValue<string>());
            Assert.True(list["isRequired"]!.GetValue<bool>());
            Assert.NotEmpty(list["choices"]!.AsArray());
        }

        Assert.Equal(
            ThemeChoices.All.Select(t => t.Value),
            CardJson.ById(form, SignalInputs.Theme)["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>()));
        Assert.Equal(500, CardJson.ById(form, SignalInputs.Note)["maxLength"]!.GetValue<int>());
        Assert.NotEmpty(FormToken(form));
    }

    [Fact]
    public async Task A_liaison_member_of_staff_logs_a_signal_in_two_presses_and_only_the_month_is_kept()
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var answers = Answers();
        answers[SignalInputs.Note] = "Several relatives said ward staff did not explain the new discharge leaflet.";

        var thanks = await _hub.PressAsync(Liaison, form, SignalVerbs.Log, answers);

        Assert.True(_hub.Presses <= 4, $"Logging took {_hub.Presses} presses.");
        var texts = CardJson.Texts(thanks);
        Assert.Contains("Thank you — the L&D team will check it before it goes to any lead", texts, StringComparison.Ordinal);
        Assert.Contains("December 2026", texts, StringComparison.Ordinal);
        Assert.Contains("Dementia", texts, StringComparison.Ordinal);
        Assert.Contains("Acute hospital trust", texts, StringComparison.Ordinal);
        Assert.Contains(SignalVerbs.Start, CardJson.Verbs(thanks));
        var signal = await _hub.StoredFromAsync(Liaison, form);
        Assert.NotNull(signal);
        Assert.Equal(
            ("pals", "acute-trust", "inpatient-wards", "dementia", "concern", "2-4", "skills-or-knowledge"),
            (signal.Source, signal.OrganisationKind, signal.ServiceArea, signal.Theme, signal.Kind, signal.Frequency, signal.Cause));
        Assert.Equal("Several relatives said ward staff did not explain the new discharge leaflet.", signal.Note);
        Assert.Equal("2026-12", signal.MonthLogged);
        Assert.Equal(Liaison.AadObjectId, signal.LoggedBy);
        Assert.False(signal.LoggedOnBehalf);
        Assert.Equal(FeedbackSignal.AwaitingModeration, signal.Status);
        var stored = await azurite.Table(FeedbackSignalStore.TableName).GetEntityAsync<Azure.Data.Tables.TableEntity>(signal.PartitionKey, signal.RowKey);
        Assert.DoesNotContain(stored.Value, property => property.Value is DateTime or DateTimeOffset && property.Key != "Timestamp");
    }

    [Fact]
    public async Task A_note_with_a_patients_name_phone_and_NHS_number_is_shown_scrubbed_first_and_stored_only_scrubbed()
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var answers = Answers();
        answers[SignalInputs.Note] = "Mrs Jane Smith, 07700 900123, NHS 943 476 5919 said nobody explained her tablets.";

        var check = await _hub.PressAsync(Liaison, form, SignalVerbs.Log, answers);

        Assert.Null(await _hub.StoredFromAsync(Liaison, form));
        var removed = CardJson.ById(check, "removed-note")["text"]!.GetValue<string>();
        Assert.Contains("a name", removed, StringComparison.Ordinal);
        Assert.Contains("a phone number", removed, StringComparison.Ordinal);
        Assert.Contains("an NHS number", removed, StringComparison.Ordinal);
        var shown = CardJson.ById(check, SignalInputs.Note)["value"]!.GetValue<string>();
        Assert.DoesNotContain("Jane", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("900123", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("5919", shown, StringComparison.Ordinal);
        Assert.Equal("dementia", CardJson.ById(check, SignalInputs.Theme)["value"]!.GetValue<string>());

        answers[SignalInputs.Note] = shown;
        var thanks = await _hub.PressAsync(Liaison, check, SignalVerbs.Log, answers);

        Assert.Contains("Thank you", CardJson.Texts(thanks), StringComparison.Ordinal);
        Assert.True(_hub.Presses <= 4, $"Logging took {_hub.Presses} presses.");
        var signal = await _hub.StoredFromAsync(Liaison, form);
        Assert.NotNull(signal);
        Assert.Equal(shown, signal.Note);
        Assert.Contains("said nobody explained her tablets", signal.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_who_is_not_liaison_staff_can_neither_open_nor_submit_the_form()
    {
        await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, "feedback").From(Outsider));
        var typed = Assert.Single(_hub.Bot.Connector.Sent).Activity.Text;
        _hub.Bot.Connector.Reset();
        var welcome = await OutsidersWelcomeCardAsync();
        var opened = await _hub.PressForAnswerAsync(Outsider, welcome, SignalVerbs.Start);
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var submitted = await _hub.PressForAnswerAsync(Outsider, form, SignalVerbs.Log, Answers());

        Assert.Equal(FeedbackSignalsFeature.OnlyLiaisonStaff, typed);
        Assert.Equal(FeedbackSignalsFeature.OnlyLiaisonStaff, CardJson.MessageFromInvoke(opened));
        Assert.Equal(FeedbackSignalsFeature.OnlyLiaisonStaff, CardJson.MessageFromInvoke(submitted));
        Assert.Contains("ask the L&D Support Team", FeedbackSignalsFeature.OnlyLiaisonStaff, StringComparison.Ordinal);
        Assert.Null(await _hub.StoredFromAsync(Outsider, form));
        Assert.DoesNotContain(await _hub.Signals.ListAsync(CancellationToken.None), s => s.LoggedBy == Outsider.AadObjectId);
        string[] refused = ["feedback", SignalVerbs.Start, SignalVerbs.Log];
        Assert.True(
            await Eventually.TrueAsync(() => refused.All(_hub.RoutesWithOutcome(TurnOutcomes.Forbidden).Contains)),
            $"Turns recorded as forbidden: {string.Join(", ", _hub.RoutesWithOutcome(TurnOutcomes.Forbidden))}");
    }

    [Theory]
    [InlineData(SignalInputs.Theme, "kindness", "Please choose a theme.")]
    [InlineData(SignalInputs.Source, null, "Please choose where you heard it.")]
    [InlineData(SignalInputs.Source, "", "Please choose where you heard it.")]
    [InlineData(SignalInputs.Frequency, "10", "Please say how often it has come up.")]
    [InlineData(SignalInputs.Note, "long", "Please keep the note to 500 characters.")]
    public async Task Rejects_an_answer_not_on_its_list_a_missing_one_or_a_long_note_and_stores_nothing(string input, string? value, string message)
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var answers = Answers();
        if (value is null)
        {
            answers.Remove(input);
        }
        else
        {
            answers[input] = input == SignalInputs.Note ? new string('a', 501) : value;
        }

        var refused = await _hub.PressAsync(Liaison, form, SignalVerbs.Log, answers);

        Assert.Equal(message, CardJson.ById(refused, $"{input}-problem")["text"]!.GetValue<string>());
        Assert.Equal("Please check the answer marked below.", CardJson.ById(refused, "form-problems")["text"]!.GetValue<string>());
        Assert.Equal(answers[SignalInputs.Theme]!.GetValue<string>(), CardJson.ById(refused, SignalInputs.Theme)["value"]!.GetValue<string>());
        Assert.Equal(FormToken(form), FormToken(refused));
        Assert.Null(await _hub.StoredFromAsync(Liaison, form));
    }

    [Fact]
    public async Task Every_rule_the_form_declares_is_also_checked_on_the_answers_alone()
    {
        // The Log press renders the form to check a submission against only when the answers' own checks find a problem.
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var inputs = Answers().Select(answer => answer.Key).ToList();

        foreach (var value in new[] { string.Empty, "not-an-option", new string('x', SignalChoices.NoteLimit + 1) })
        {
            var submitted = new JsonObject();
            foreach (var input in inputs)
            {
                submitted[input] = value;
            }

            var answers = new SignalAnswers(value, value, value, value, value, value, value);
            var byTheCard = CardSubmission.Validate(form, submitted).Select(problem => problem.InputId).ToHashSet();
            var byTheAnswers = answers.Problems(value).Select(problem => problem.InputId).ToHashSet();
            Assert.NotEmpty(byTheCard);
            Assert.Subset(byTheAnswers, byTheCard);
        }
    }

    [Fact]
    public async Task Pressing_Log_twice_on_the_same_form_stores_one_signal()
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var before = await _hub.Signals.ListAsync(CancellationToken.None);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => _hub.PressAsync(Liaison, form, SignalVerbs.Log, Answers())));
        var again = await _hub.PressAsync(Liaison, form, SignalVerbs.Log, Answers());

        Assert.All(answers.Append(again), card => Assert.Contains("Thank you", CardJson.Texts(card), StringComparison.Ordinal));
        var after = await _hub.Signals.ListAsync(CancellationToken.None);
        var added = Assert.Single(after, s => before.All(b => b.Id != s.Id));
        Assert.Equal(FeedbackSignal.IdFor(Liaison.AadObjectId, FormToken(form)), added.Id);
    }

    [Fact]
    public async Task Log_another_opens_a_new_form_that_stores_a_second_signal()
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var thanks = await _hub.PressAsync(Liaison, form, SignalVerbs.Log, Answers());

        var next = await _hub.PressAsync(Liaison, thanks, SignalVerbs.Start);
        var answers = Answers();
        answers[SignalInputs.Kind] = "compliment";
        await _hub.PressAsync(Liaison, next, SignalVerbs.Log, answers);

        Assert.NotEqual(FormToken(form), FormToken(next));
        Assert.Equal("concern", (await _hub.StoredFromAsync(Liaison, form))!.Kind);
        Assert.Equal("compliment", (await _hub.StoredFromAsync(Liaison, next))!.Kind);
    }

    [Fact]
    public async Task An_older_clients_Log_stores_the_signal_and_replaces_the_form_in_place()
    {
        var form = await _hub.OpenFromWelcomeCardAsync(Liaison);
        var submit = TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, string.Empty).From(Liaison);
        submit["replyToId"] = "1700000000888";
        var value = Answers();
        value["verb"] = SignalVerbs.Log;
        value[SignalInputs.FormToken] = FormToken(form);
        submit["value"] = value;

        await _hub.Bot.PostActivityAsync(submit);

        Assert.NotNull(await _hub.StoredFromAsync(Liaison, form));
        var update = Assert.Single(_hub.Bot.Connector.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/activities/1700000000888", StringComparison.Ordinal));
        Assert.Contains("will check it before it goes to any lead", update.Body, StringComparison.Ordinal);
    }

    private async Task<JsonObject> OutsidersWelcomeCardAsync()
    {
        await _hub.Bot.PostActivityAsync(TeamsActivities.Message(_hub.Bot.Connector.ServiceUrl, "help").From(Outsider));
        var welcome = CardJson.Of(Assert.Single(_hub.Bot.Connector.Sent));
        _hub.Bot.Connector.Reset();
        return welcome;
    }
}
