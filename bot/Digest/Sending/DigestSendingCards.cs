using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Schema;
using LearningBot.FeedbackSignals;

namespace LearningBot.Digest.Sending;

/// <summary>The sending step's cards: the audience and time, the reader's headlines, and the subscription answer.</summary>
public sealed class DigestSendingCards(CardCatalog cards)
{
    /// <summary>Headlines on the reader's card; the rest are counted ("and 3 more").</summary>
    public const int HeadlinesShown = 5;

    /// <summary>Channels offered on the audience card (the card's size stays well within Teams' limit).</summary>
    public const int ChannelsShown = 50;

    public const string Unsubscribed =
        "You won't get the learning digest any more. To get it again, press Get the digest again, or type subscribe digest. You can still read the latest edition: type digest.";

    public const string Subscribed =
        "You will get the learning digest again from the next edition. To stop it, press Stop getting the digest, or type unsubscribe digest.";

    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    public static IReadOnlyList<DigestSendChoice> KindChoices { get; } = [.. SignalChoices.OrganisationKinds.Select(kind => new DigestSendChoice(kind.Title, kind.Value))];

    public JsonObject Send(DigestEdition edition, IReadOnlyList<ConversationReference> channels, DateTimeOffset ukNow, string notice = "", DigestSendAnswers? answers = null)
    {
        var scheduled = edition.Status == DigestStatus.Scheduled;
        var summary = scheduled
            ? $"Scheduled for {When(edition)}, to {DigestAudience.FromJson(edition.Audience).Describe()}. Cancel the schedule to change it; any change to the edition cancels it too."
            : string.Empty;
        var channelChoices = channels.Take(ChannelsShown).Select(channel => new DigestSendChoice(ChannelTitle(channel), channel.Conversation!.Id!)).ToList();
        return cards.Render(new DigestSendCardData(
            edition.Number, edition.Version, $"Send {edition.Title}", DigestCards.Period(edition), $"It is now {ukNow.ToString("HH:mm 'on' dddd d MMMM yyyy", English)} (UK time).",
            notice, scheduled, summary, answers?.Everyone ?? "true", channelChoices.Count > 0, answers?.Channels ?? string.Empty, channelChoices,
            answers?.Kinds ?? string.Empty, KindChoices, answers?.When ?? "now", answers?.Date ?? string.Empty, answers?.Time ?? string.Empty)
        {
            EarliestDate = DigestClock.SendDates(ukNow).Min,
            LatestDate = DigestClock.SendDates(ukNow).Max,
        });
    }

    public JsonObject Headlines(DigestEdition edition)
    {
        var headlines = edition.Items.Select(item => new DigestHeadline(CardText.Literal(item.Shown().Headline))).ToList();
        var more = headlines.Count > HeadlinesShown ? $"and {headlines.Count - HeadlinesShown} more" : string.Empty;
        return cards.Render(new DigestHeadlinesCardData(edition.Number, $"Learning digest: {edition.Title}", DigestCards.Period(edition), [.. headlines.Take(HeadlinesShown)], more));
    }

    public JsonObject Subscription(bool unsubscribed) =>
        cards.Render(new DigestSubscriptionCardData(unsubscribed, unsubscribed ? Unsubscribed : Subscribed));

    /// <summary>"14:30 on Friday 4 December 2026 (UK time)", or "now".</summary>
    public static string When(DigestEdition edition) =>
        edition.SendAt is { } at ? $"{DigestClock.ToUk(at).ToString("HH:mm 'on' dddd d MMMM yyyy", English)} (UK time)" : "now";

    /// <summary>Channels carry no name in what the bot keeps, so the card shows the start of the channel's id.</summary>
    private static string ChannelTitle(ConversationReference channel)
    {
        var id = channel.Conversation?.Id ?? string.Empty;
        var shown = id.Split(';')[0];
        return $"Team channel {(shown.Length > 40 ? shown[..40] + "…" : shown)}";
    }
}

/// <summary>What the audience card sent back, kept when the card comes back with a problem.</summary>
public sealed record DigestSendAnswers(string Everyone, string Channels, string Kinds, string When, string Date, string Time);

/// <summary>UK time (Europe/London), the time editors schedule in.</summary>
public static class DigestClock
{
    public static TimeZoneInfo Uk => UkTime.Zone;

    public static DateTimeOffset ToUk(DateTimeOffset at) => UkTime.Local(at);

    /// <summary>How far ahead an edition may be scheduled: news a year old is no longer news.</summary>
    public const int ScheduleMonthsAhead = 12;

    /// <summary>The days a later send may be on: from today (UK) to a year ahead.</summary>
    public static DateBounds SendDates(DateTimeOffset ukNow) => DateBounds.Ahead(DateOnly.FromDateTime(ukNow.DateTime), ScheduleMonthsAhead);

    /// <summary>The moment a UK date and time names; null when it is not a time that exists (the hour skipped when the clocks go forward).</summary>
    public static DateTimeOffset? FromUk(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Uk.IsInvalidTime(local))
        {
            return null;
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, Uk), TimeSpan.Zero);
    }
}
