using System.Text.Json.Nodes;
using LearningBot.FeedbackSignals;
using LearningBot.Telemetry;
using LearningBot.Tests.Support;
using static LearningBot.Tests.FeedbackSignals.SignalHarness;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>
/// Moderating feedback signals through the real pipeline: the card the outbox posts in the L&amp;D channel, each
/// decision, racing moderators, who may moderate and what a decision needs.
/// </summary>
public sealed class SignalModerationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private SignalHarness _hub = null!;

    public async Task InitializeAsync()
    {
        _hub = await SignalHarness.StartAsync(azurite);
        await _hub.SetChannelAsync();
        _hub.Bot.Connector.Reset();
    }

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Logging_a_signal_posts_one_moderation_card_in_the_LD_channel_with_the_signal_and_no_name()
    {
        var id = await _hub.LogSignalAsync("Relatives said staff did not explain the new discharge leaflet.");

        var card = await PostedCardAsync(id);

        var texts = CardJson.Texts(card);
        Assert.Contains("Awaiting moderation", texts, StringComparison.Ordinal);
        foreach (var shown in new[] { "PALS (Patient Advice and Liaison Service)", "Acute hospital trust", "Inpatient wards", "Dementia", "A concern", "2 to 4 times", "Skills or knowledge", "December 2026", "discharge leaflet" })
        {
            Assert.Contains(shown, texts, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Lena", texts, StringComparison.Ordinal);
        Assert.Equal([SignalVerbs.Accept, SignalVerbs.Urgent, SignalVerbs.Moderate, SignalVerbs.Moderate, SignalVerbs.Moderate, SignalIntakeVerbs.ChooseTheme], CardJson.Verbs(card));
        Assert.Equal(1, _hub.ModerationPosts());
    }

    [Theory]
    [InlineData(SignalVerbs.Accept, FeedbackSignal.Accepted, false, "Accepted by a moderator")]
    [InlineData(SignalVerbs.Urgent, FeedbackSignal.Accepted, true, "Accepted and flagged urgent by a moderator")]
    public async Task A_moderator_accepts_and_the_card_shows_the_decision_in_place_without_buttons(string verb, string status, bool urgent, string statusText)
    {
        var id = await _hub.LogSignalAsync();
        var card = await PostedCardAsync(id);

        var answered = await _hub.PressAsync(Moderator, card, verb);

        var signal = (await _hub.Signals.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((status, urgent, Moderator.AadObjectId), (signal.Status, signal.Urgent, signal.DecidedBy));
        Assert.NotNull(signal.DecidedAt);
        Assert.Contains(statusText, CardJson.Texts(answered), StringComparison.Ordinal);
        Assert.Empty(CardJson.Verbs(answered));
        Assert.True(await Eventually.TrueAsync(async () => CardJson.Texts(await _hub.ModerationCardAsync(id)).Contains(statusText, StringComparison.Ordinal)));
        Assert.Empty(CardJson.Verbs(await _hub.ModerationCardAsync(id)));
        Assert.Equal(1, _hub.ModerationPosts());
    }

    [Fact]
    public async Task A_moderator_corrects_the_theme_and_service_area_and_accepts()
    {
        var id = await _hub.LogSignalAsync();
        var form = CardJson.FromInvoke(await _hub.PressTitledAsync(Moderator, await PostedCardAsync(id), "Correct theme or area"));

        var answered = await _hub.PressAsync(Moderator, form, SignalVerbs.Correct, new JsonObject { ["theme"] = "communication-and-information", ["serviceArea"] = "outpatients" });

        var signal = (await _hub.Signals.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((FeedbackSignal.Accepted, "communication-and-information", "outpatients"), (signal.Status, signal.Theme, signal.ServiceArea));
        Assert.Contains("Communication and information", CardJson.Texts(answered), StringComparison.Ordinal);
        Assert.True(await Eventually.TrueAsync(async () => CardJson.Texts(await _hub.ModerationCardAsync(id)).Contains("Accepted by a moderator", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Reject", SignalVerbs.Reject, FeedbackSignal.Rejected, "Rejected by a moderator")]
    [InlineData("Not a learning issue", SignalVerbs.NotALearningIssue, FeedbackSignal.NotALearningIssue, "Marked not a learning issue by a moderator")]
    public async Task A_reason_is_required_and_stored_only_scrubbed(string button, string verb, string status, string statusText)
    {
        var id = await _hub.LogSignalAsync();
        var opened = CardJson.FromInvoke(await _hub.PressTitledAsync(Moderator, await PostedCardAsync(id), button));

        var refused = await _hub.PressAsync(Moderator, opened, verb, new JsonObject { [SignalInputs.Reason] = "" });
        var decided = await _hub.PressAsync(Moderator, opened, verb, new JsonObject { [SignalInputs.Reason] = "Staffing on the ward, raised by Mrs Jane Smith on 07700 900123." });

        Assert.True(CardJson.HasId(refused, $"{SignalInputs.Reason}-problem"));
        var signal = (await _hub.Signals.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(status, signal.Status);
        Assert.Contains("Staffing on the ward", signal.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", signal.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("900123", signal.Reason, StringComparison.Ordinal);
        Assert.Contains(statusText, CardJson.Texts(decided), StringComparison.Ordinal);
        Assert.DoesNotContain("Smith", CardJson.Texts(decided), StringComparison.Ordinal);
        Assert.True(await Eventually.TrueAsync(async () => CardJson.Texts(await _hub.ModerationCardAsync(id)).Contains(statusText, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Rejects_a_theme_not_on_the_list_and_changes_nothing()
    {
        var id = await _hub.LogSignalAsync();
        var form = CardJson.FromInvoke(await _hub.PressTitledAsync(Moderator, await PostedCardAsync(id), "Correct theme or area"));

        var refused = await _hub.PressAsync(Moderator, form, SignalVerbs.Correct, new JsonObject { ["theme"] = "kindness", ["serviceArea"] = "outpatients" });

        Assert.True(CardJson.HasId(refused, "theme-problem"));
        var signal = (await _hub.Signals.FindAsync(id, CancellationToken.None))!;
        Assert.Equal((FeedbackSignal.AwaitingModeration, "dementia"), (signal.Status, signal.Theme));
    }

    [Fact]
    public async Task Two_moderators_racing_on_the_same_card_decide_once()
    {
        var id = await _hub.LogSignalAsync();
        var card = await PostedCardAsync(id);

        var answers = await Task.WhenAll(
            _hub.PressAsync(Moderator, card, SignalVerbs.Accept),
            _hub.PressAsync(SecondModerator, card, SignalVerbs.Urgent));

        var signal = (await _hub.Signals.FindAsync(id, CancellationToken.None))!;
        Assert.Equal(FeedbackSignal.Accepted, signal.Status);
        Assert.Equal(signal.DecidedBy == SecondModerator.AadObjectId, signal.Urgent);
        Assert.Single(answers, answer => CardJson.Texts(answer).Contains(SignalModeration.AlreadyDecided, StringComparison.Ordinal));
        Assert.Equal(3, signal.Version);
    }

    [Fact]
    public async Task A_non_moderator_cannot_moderate_and_nothing_changes()
    {
        var id = await _hub.LogSignalAsync();
        var card = await PostedCardAsync(id);

        var accept = await _hub.PressForAnswerAsync(Liaison, card, SignalVerbs.Accept);
        var reject = await _hub.PressTitledAsync(Outsider, card, "Reject");

        Assert.Equal(FeedbackSignalsFeature.OnlyModerators, CardJson.MessageFromInvoke(accept));
        Assert.Equal(FeedbackSignalsFeature.OnlyModerators, CardJson.MessageFromInvoke(reject));
        Assert.Equal(FeedbackSignal.AwaitingModeration, (await _hub.Signals.FindAsync(id, CancellationToken.None))!.Status);
        string[] refused = [SignalVerbs.Accept, SignalVerbs.Moderate];
        Assert.True(
            await Eventually.TrueAsync(() => refused.All(_hub.RoutesWithOutcome(TurnOutcomes.Forbidden).Contains)),
            $"Turns recorded as forbidden: {string.Join(", ", _hub.RoutesWithOutcome(TurnOutcomes.Forbidden))}");
    }

    private async Task<JsonObject> PostedCardAsync(string signalId)
    {
        Assert.True(await Eventually.TrueAsync(async () => await _hub.ModerationCardAsync(signalId) is not null, TimeSpan.FromSeconds(30)), "The moderation card was not posted.");
        return (await _hub.ModerationCardAsync(signalId))!;
    }
}

/// <summary>A signal logged before anyone chose the L&amp;D channel (a class of its own: the channel setting outlives a test).</summary>
public sealed class SignalModerationChannelTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private SignalHarness _hub = null!;

    public async Task InitializeAsync() => _hub = await SignalHarness.StartAsync(azurite);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task A_signal_logged_before_the_channel_is_chosen_is_posted_once_it_is()
    {
        var id = await _hub.LogSignalAsync();
        Assert.Null(await _hub.ModerationCardAsync(id));

        await _hub.SetChannelAsync();

        Assert.True(await Eventually.TrueAsync(async () => await _hub.ModerationCardAsync(id) is not null), "The waiting card was not posted.");
        Assert.Equal(1, _hub.ModerationPosts());
    }
}
