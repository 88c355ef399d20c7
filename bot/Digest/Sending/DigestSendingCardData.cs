using LearningBot.Cards;

namespace LearningBot.Digest.Sending;

/// <summary>One choice on the audience card: a channel or a kind of organisation.</summary>
public sealed record DigestSendChoice(string Title, string Value);

/// <summary>Data for the <c>digest-send</c> card: who gets an approved edition and when, or its schedule and the way to cancel it.</summary>
public sealed record DigestSendCardData(
    int Number, int Version, string Title, string Period, string Now, string Notice, bool IsScheduled, string Summary,
    string Everyone, bool HasChannels, string Channels, IReadOnlyList<DigestSendChoice> ChannelChoices, string Kinds,
    IReadOnlyList<DigestSendChoice> KindChoices, string When, string Date, string Time) : ICardData
{
    public static string CardName => "digest-send";

    /// <summary>The days a later send may be on (<see cref="DigestClock.SendDates"/>).</summary>
    public string EarliestDate { get; init; } = string.Empty;

    public string LatestDate { get; init; } = string.Empty;

    /// <summary>Green for a schedule that stands ("on its way", "scheduled"), the warning colour for a refusal.</summary>
    public string NoticeColor => IsScheduled ? "good" : "attention";
}

/// <summary>Data for the <c>digest-headlines</c> card: what each reader is sent.</summary>
public sealed record DigestHeadlinesCardData(int Number, string Title, string Period, IReadOnlyList<DigestHeadline> Headlines, string More) : ICardData
{
    public static string CardName => "digest-headlines";
}

/// <summary>Data for the <c>digest-subscription</c> card: stopped or started again, and the way back.</summary>
public sealed record DigestSubscriptionCardData(bool Unsubscribed, string Message) : ICardData
{
    public static string CardName => "digest-subscription";
}
