using LearningBot.Cards;

namespace LearningBot.LearningDirectory.Finding;

/// <summary>Data for <c>directory-answer</c>: the courses that fit a question, each with its dates and how to book.</summary>
/// <param name="Question">The question as stored (personal details removed), carried by "Ask the L&amp;D team".</param>
/// <param name="YouAsked">The same question for display (<see cref="CardText.Literal"/>).</param>
/// <param name="Notes">Filters that found nothing and were let go, and whether only offers open to everyone are shown.</param>
public sealed record DirectoryAnswerCardData(
    string Question,
    string YouAsked,
    bool ShowQuestion,
    string Heading,
    IReadOnlyList<CardNote> Notes,
    IReadOnlyList<OfferItem> Offers) : ICardData
{
    public static string CardName => "directory-answer";
}

/// <summary>A line of explanation on the card.</summary>
public sealed record CardNote(string Text);

/// <summary>A detail of an offer ("Format", "E-learning, at your own pace").</summary>
public sealed record OfferFact(string Title, string Value);

/// <summary>One session in words, as <see cref="CourseWording"/> writes it.</summary>
public sealed record SessionLine(string When, string Where);

/// <summary>One offer on the card.</summary>
/// <param name="NoDates">Said when the offer has no session coming up (empty when it has, or needs none).</param>
/// <param name="BookUrl">A web, mailto: or tel: link; empty when there is no booking route.</param>
/// <param name="ArticleId">The article that explains the topic, or empty.</param>
/// <param name="AlertTitle">"Tell me when there's a date" (no dates yet) or "Tell me about new dates"; empty for e-learning.</param>
public sealed record OfferItem(
    string Id,
    string Title,
    string Summary,
    bool IsSample,
    IReadOnlyList<OfferFact> Facts,
    IReadOnlyList<SessionLine> Sessions,
    string NoDates,
    string HowToBook,
    string BookTitle,
    string BookUrl,
    string ArticleId,
    string ArticleTitle,
    string AlertTitle);
