using LearningBot.Cards;
using LearningBot.LearningDirectory.Finding;

namespace LearningBot.LearningDirectory.Mandatory;

/// <summary>Data for <c>mandatory-topic</c>: one topic, its refresher period, and how each kind of organisation delivers it.</summary>
/// <param name="ToConfirm">Said while the L&amp;D team has not confirmed the refresher period; empty once it has.</param>
/// <param name="PassportFirst">The question was about moving employer, so the passport explanation comes first.</param>
/// <param name="NotListed">The kinds of organisation with no offer of this topic in the directory yet, in words; or empty.</param>
public sealed record MandatoryTopicCardData(
    string TopicId,
    string Heading,
    IReadOnlyList<OfferFact> Facts,
    string ToConfirm,
    string Passport,
    bool PassportFirst,
    IReadOnlyList<KindDelivery> Kinds,
    string NotListed) : ICardData
{
    public static string CardName => "mandatory-topic";

    public string PassportArticle => MandatoryTopicCards.PassportArticleId;

    public string MandatoryArticle => MandatoryTopicCards.MandatoryArticleId;
}

/// <summary>How one kind of organisation delivers a topic: its offers, soonest first.</summary>
public sealed record KindDelivery(string Heading, IReadOnlyList<MandatoryOfferItem> Offers);

/// <summary>One offer under a kind of organisation.</summary>
/// <param name="BookUrl">A web, mailto: or tel: link when the asker may book it; empty otherwise.</param>
public sealed record MandatoryOfferItem(
    string Title,
    bool IsSample,
    string Details,
    string WhoFor,
    IReadOnlyList<SessionLine> Sessions,
    string NoDates,
    string HowToBook,
    string BookTitle,
    string BookUrl);

/// <summary>Data for <c>mandatory-topics</c>: every topic with its usual refresher period, and a choice of one to see how it is delivered.</summary>
public sealed record MandatoryTopicsCardData(string Note, IReadOnlyList<OfferFact> Topics, IReadOnlyList<TopicChoice> Choices) : ICardData
{
    public static string CardName => "mandatory-topics";
}

public sealed record TopicChoice(string Title, string Value);
