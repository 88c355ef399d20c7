using System.Globalization;
using System.Text.Json;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;

namespace LearningBot.Digest.Sending;

/// <summary>
/// The editor's choice of audience and time for an approved edition (the <c>digest-send</c> card), and cancelling a
/// schedule. Whether the edition may be sent is decided here from the stored edition, never from what the card sent:
/// only an <see cref="DigestStatus.Approved"/> edition, at the version the card showed, becomes
/// <see cref="DigestStatus.Scheduled"/>, so a forged or stale press cannot schedule a draft.
/// </summary>
public sealed class DigestScheduling(DigestEditionStore store, DigestRecipients recipients, DigestSendingCards cards, DigestSender sender, TimeProvider clock)
{
    public const string Gone = "I can't find that edition. Type \"start digest\" to see the one in hand.";

    public const string NoAudience = "Choose who gets it: everyone who has the app, one or more team channels, or one or more kinds of organisation.";

    public const string NeedsDateAndTime = "Choose a date and a time (UK time), or choose Now.";

    public const string Changed =
        "This edition was changed after this card was shown, so it was not scheduled. Here it is as it stands now.";

    public const string TooLate = "That edition has already gone out, so there is no schedule to cancel.";

    public static string NotApproved(DigestEdition edition) =>
        $"{edition.Title} can't be sent: it has not been approved. Only an approved edition can be sent, and any change after approval needs approval again.";

    public static string InThePast(DateTimeOffset ukNow) =>
        $"That time has already passed: it is now {ukNow.ToString("HH:mm 'on' d MMMM yyyy", CultureInfo.InvariantCulture)} (UK time). Choose a later time, or choose Now.";

    public static string ScheduledNote(DigestEdition edition) =>
        edition.SendAt <= edition.UpdatedAt ? $"{edition.Title} is on its way: it goes out within a minute." : $"{edition.Title} is scheduled.";

    public async Task<CardActionResult> OpenAsync(ITurnContext turn, CardActionRequest action)
    {
        if (await store.FindAsync(action.GetInt("number") ?? 0, turn.Aborted) is not { } edition)
        {
            return CardActionResult.Message(Gone);
        }

        return edition.Status is DigestStatus.Approved or DigestStatus.Scheduled
            ? CardActionResult.Replace(await CardAsync(edition, turn.Aborted))
            : CardActionResult.Message(NotApproved(edition));
    }

    public async Task<CardActionResult> ScheduleAsync(ITurnContext turn, CardActionRequest action)
    {
        if (await store.FindAsync(action.GetInt("number") ?? 0, turn.Aborted) is not { } edition)
        {
            return CardActionResult.Message(Gone);
        }

        if (edition.Status != DigestStatus.Approved)
        {
            return CardActionResult.Message(NotApproved(edition));
        }

        var answers = new DigestSendAnswers(
            action.GetString("everyone") ?? "false", action.GetString("channels") ?? string.Empty, action.GetString("kinds") ?? string.Empty,
            action.GetString("when") ?? string.Empty, action.GetString("date") ?? string.Empty, action.GetString("time") ?? string.Empty);
        var now = clock.GetUtcNow();
        var card = await CardAsync(edition, turn.Aborted, answers: answers);
        var audience = new DigestAudience(answers.Everyone == "true", Split(answers.Channels), Split(answers.Kinds));
        var (sendAt, problem) = When(answers, now);
        List<CardInputProblem> problems = [];
        if (audience.IsEmpty)
        {
            problems.Add(new("everyone", "no audience", NoAudience));
        }

        if (problem is not null)
        {
            problems.Add(new(answers.Date.Length == 0 ? "date" : "time", "time", problem));
        }

        if (CardSubmission.Refusal(card, action.Submitted(), alsoWrong: problems) is { } refusal)
        {
            return refusal;
        }

        var version = action.GetInt("version") ?? 0;
        var progressTo = JsonSerializer.Serialize(turn.ConversationReference, BotJson.Options);
        var who = turn.Caller.PersonKey ?? string.Empty;
        var change = await store.ChangeAsync(edition.Number, who, current =>
            current.Status != DigestStatus.Approved || current.Version != version
                ? null
                : new DigestEditionChange(
                    current.Changed(DigestVerbs.Schedule, now) with
                    {
                        Status = DigestStatus.Scheduled, SendAt = sendAt, Audience = audience.ToJson(), ScheduledBy = who, ProgressTo = progressTo,
                    },
                    DigestSendingAudit.Scheduled,
                    $"Scheduled for {(sendAt <= now ? "now" : DigestSendingCards.When(current with { SendAt = sendAt }))}, to {audience.Describe()}."),
            turn.Aborted);
        if (change is not { Changed: true, Entity: var scheduled })
        {
            return change?.Entity is { } latest && latest.Status != DigestStatus.Approved && latest.Status != DigestStatus.Scheduled
                ? CardActionResult.Message(NotApproved(latest))
                : CardActionResult.Replace(await CardAsync(change?.Entity ?? edition, turn.Aborted, Changed));
        }

        if (sendAt <= now)
        {
            sender.Wake();
        }

        return CardActionResult.Update(await CardAsync(scheduled, turn.Aborted, ScheduledNote(scheduled)));
    }

    public async Task<CardActionResult> CancelAsync(ITurnContext turn, CardActionRequest action)
    {
        var change = await store.ChangeAsync(action.GetInt("number") ?? 0, turn.Caller.PersonKey ?? string.Empty, current =>
            current.Status != DigestStatus.Scheduled
                ? null
                : new DigestEditionChange(
                    current.Changed(DigestVerbs.CancelSchedule, clock.GetUtcNow()) with { Status = DigestStatus.Approved, SendAt = null, Audience = string.Empty },
                    DigestSendingAudit.ScheduleCancelled,
                    "Cancelled the schedule: the edition is approved and waiting to be sent."),
            turn.Aborted);
        return change switch
        {
            null => CardActionResult.Message(Gone),
            { Changed: true } => CardActionResult.Update(await CardAsync(change.Entity, turn.Aborted, "The schedule is cancelled. Nothing was sent.")),
            { Entity.Status: DigestStatus.Sent } => CardActionResult.Message(TooLate),
            { Entity.Status: DigestStatus.Approved } => CardActionResult.Replace(await CardAsync(change.Entity, turn.Aborted, "There is no schedule: nothing is due to be sent.")),
            _ => CardActionResult.Message(NotApproved(change.Entity)),
        };
    }

    public static string TooFarAhead(DateTimeOffset ukNow) =>
        $"Choose a date {DigestClock.SendDates(ukNow).InWords}: an edition can be scheduled up to a year ahead.";

    /// <summary>
    /// When the answers say to send, or why they can't: a later time must be a real UK time that has not passed, on a day
    /// no more than a year ahead.
    /// </summary>
    internal static (DateTimeOffset SendAt, string? Problem) When(DigestSendAnswers answers, DateTimeOffset now)
    {
        if (answers.When != "later")
        {
            return (now, null);
        }

        if (DateBounds.Parse(answers.Date) is not { } date
            || !TimeOnly.TryParseExact(answers.Time, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return (now, NeedsDateAndTime);
        }

        var ukNow = DigestClock.ToUk(now);
        if (date > DigestClock.SendDates(ukNow).Latest)
        {
            return (now, TooFarAhead(ukNow));
        }

        if (date < DigestClock.SendDates(ukNow).Earliest)
        {
            return (now, InThePast(ukNow));
        }

        if (DigestClock.FromUk(date, time) is not { } at)
        {
            return (now, "That time doesn't exist in the UK: the clocks go forward then. Choose another time.");
        }

        return at <= now ? (now, InThePast(DigestClock.ToUk(now))) : (at, null);
    }

    private async Task<System.Text.Json.Nodes.JsonObject> CardAsync(DigestEdition edition, CancellationToken cancellationToken, string notice = "", DigestSendAnswers? answers = null) =>
        cards.Send(edition, await recipients.ChannelsAsync(cancellationToken), DigestClock.ToUk(clock.GetUtcNow()), notice, answers);

    private static List<string> Split(string values) =>
        [.. values.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal)];
}

/// <summary>The audit actions of the sending step.</summary>
public static class DigestSendingAudit
{
    public const string Scheduled = "scheduled";
    public const string ScheduleCancelled = "schedule-cancelled";
    public const string Sent = "sent";
    public const string DeliveryStarted = "delivery-started";
    public const string FollowedUp = "followed-up";
}
