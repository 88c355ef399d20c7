using LearningBot.Cards;
using LearningBot.LearningDirectory.Mandatory;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.LearningDirectory.Finding;

/// <summary>
/// The learning directory's answers for the one-stop shop: the directory card for a question looking for a course,
/// and the "Upcoming sessions" under an article. A question about where to do a mandatory topic ("where do I do my BLS")
/// or whether it must be redone on moving employer gets the topic's card instead (<see cref="MandatoryQuestion"/>).
/// </summary>
public sealed class DirectoryCourseAnswers(
    CourseFinder finder, CardCatalog cards, AnswerEngine engine, MandatoryTopicGuide mandatory, MandatoryTopicCards mandatoryCards) : ICourseAnswers
{
    private const int SessionsPerOffer = 3;
    private const int SessionsUnderArticle = 2;

    private const string OnlyOpenToAll =
        "I don't know which organisation you work for, so I've shown only courses open to everyone in our community. Your L&D lead can tell you about courses just for your organisation.";

    public async Task<CourseAnswer?> AnswerAsync(string question, string stored, bool showQuestion, string? organisationKind, CancellationToken cancellationToken)
    {
        if (MandatoryQuestion.Read(question, mandatory) is { } topicQuestion)
        {
            var (topicCard, offerIds) = await mandatoryCards.TopicAsync(topicQuestion.Topic, topicQuestion.AboutMoving, organisationKind, cancellationToken);
            return new CourseAnswer(topicCard, offerIds, 1);
        }

        var found = await finder.FindAsync(question, organisationKind, cancellationToken);
        if (!found.Question.IsCourseSeeking || found.Matches.Count == 0)
        {
            return null;
        }

        var notes = found.Notes.Select(n => new CardNote(n)).ToList();
        if (found.OnlyOpenToAll)
        {
            notes.Add(new CardNote(OnlyOpenToAll));
        }

        var card = cards.Render(new DirectoryAnswerCardData(
            stored,
            CardText.Echo(stored),
            showQuestion && stored.Length > 0,
            found.Matches.Count == 1 ? "A course you can book" : "Courses you can book",
            notes,
            [.. found.Matches.Select(Item)]));
        return new CourseAnswer(card, [.. found.Matches.Select(m => m.Offer.Id)], found.Confidence);
    }

    public async Task<IReadOnlyList<UpcomingCourse>> UpcomingAsync(string articleId, string? organisationKind, CancellationToken cancellationToken)
    {
        var listings = await finder.ForArticleAsync(articleId, organisationKind, cancellationToken);
        return [.. listings.Select(listing =>
        {
            var book = CourseWording.BookButton(listing.Offer.Booking);
            return new UpcomingCourse(
                listing.Offer.Title,
                listing.Offer.Provider,
                [.. listing.UpcomingSessions.Take(SessionsUnderArticle).Select(s => new UpcomingSession(CourseWording.When(s), CourseWording.Where(s)))],
                book?.Title ?? string.Empty,
                book?.Url ?? string.Empty,
                listing.Offer.IsSample);
        })];
    }

    private OfferItem Item(CourseMatch match)
    {
        var offer = match.Offer;
        var book = CourseWording.BookButton(offer.Booking);
        var article = offer.ArticleId is { } id ? engine.Knowledge.Find(id) : null;
        return new OfferItem(
            offer.Id,
            offer.Title,
            offer.Summary,
            offer.IsSample,
            Facts(offer),
            [.. match.Sessions.Take(SessionsPerOffer).Select(s => new SessionLine(CourseWording.When(s), CourseWording.Where(s)))],
            NoDates(match),
            CourseWording.HowToBook(offer),
            book?.Title ?? string.Empty,
            book?.Url ?? string.Empty,
            article?.Id ?? string.Empty,
            article?.Title ?? string.Empty,
            AlertTitle(match));
    }

    private static List<OfferFact> Facts(CourseOffer offer) =>
    [
        new("Who it's for", CourseWording.WhoFor(offer)),
        new("Format", CourseWording.Format(offer.Format)),
        new("Length", offer.Length),
        new("Cost", CourseWording.Cost(offer)),
        new("Run by", offer.Provider),
    ];

    private static string NoDates(CourseMatch match) =>
        HasNoDates(match) ? "No dates are set at the moment. I can tell you when there's one." : string.Empty;

    /// <summary>E-learning has no dates to wait for.</summary>
    private static string AlertTitle(CourseMatch match) =>
        match.Offer.Format == CourseFormat.ELearning ? string.Empty
        : HasNoDates(match) ? "Tell me when there's a date"
        : "Tell me about new dates";

    private static bool HasNoDates(CourseMatch match) => match.Sessions.Count == 0 && match.Offer.Format != CourseFormat.ELearning;
}
