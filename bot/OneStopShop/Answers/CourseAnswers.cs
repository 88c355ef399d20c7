using System.Text.Json.Nodes;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Answers from the learning directory (it provides them): courses for a question that is looking for one, and the
/// "Upcoming sessions" shown under an article whose topic has offers.
/// </summary>
public interface ICourseAnswers
{
    /// <summary>The directory's card when the question is looking for a course and the directory has a confident match; otherwise null.</summary>
    /// <param name="question">The scrubbed question's words, to search by.</param>
    /// <param name="stored">The question as stored, shown and carried by the card's buttons.</param>
    /// <param name="organisationKind">The asker's kind of organisation, or null when unknown (then only offers open to all).</param>
    Task<CourseAnswer?> AnswerAsync(string question, string stored, bool showQuestion, string? organisationKind, CancellationToken cancellationToken);

    /// <summary>Offers the article explains, open to the asker, that have dates coming up; none when there are none.</summary>
    Task<IReadOnlyList<UpcomingCourse>> UpcomingAsync(string articleId, string? organisationKind, CancellationToken cancellationToken);
}

/// <summary>The directory's answer: its card, and the offers and confidence for the question log.</summary>
public sealed record CourseAnswer(JsonObject Card, IReadOnlyList<string> OfferIds, double Confidence);

/// <summary>An offer under an article's "Upcoming sessions", ready to display; <see cref="BookUrl"/> is a web, mailto: or tel: link.</summary>
public sealed record UpcomingCourse(string Title, string Provider, IReadOnlyList<UpcomingSession> Sessions, string BookTitle, string BookUrl, bool IsSample);

/// <summary>One session in words: "Tuesday 12 January, 9:30am to 4:30pm" and "Education Centre, Peterborough. 4 places left".</summary>
public sealed record UpcomingSession(string When, string Where);
