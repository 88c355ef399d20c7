using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.People;

namespace LearningBot.FiveMinuteReview.History;

/// <summary>
/// A manager's view of the earlier reviews of someone they manage now, whoever held them: the objectives and learning
/// needs always; what was written (what went well, even better if, their view, learning in their words, follow-up)
/// only from the manager's own reviews, or when the person agreed to share it with this manager.
/// </summary>
public sealed class EarlierReviewsFeature(ReviewHistory history, IPeopleDirectory people, CardCatalog cards) : IBotFeature
{
    private const int MaxShown = 5;
    private const int ShownWhenShort = 3;

    public void MapRoutes(BotRoutes routes) => routes.OnCardAction(HistoryVerbs.Earlier, ShowAsync);

    private async Task<CardActionResult> ShowAsync(ITurnContext turn, CardActionRequest action)
    {
        if (ReviewPrivateChat.IsShared(turn.Activity))
        {
            return CardActionResult.Message(ReviewPrivateChat.PersonNotice);
        }

        var caller = turn.CallerKey();
        if (action.GetString("personId") is not { } personId
            || !await people.IsManagerOfAsync(caller, personId, turn.Aborted)
            || await people.GetPersonAsync(personId, turn.Aborted) is not { } person)
        {
            return CardActionResult.Message(ReviewDrafts.NotYourReview);
        }

        var reviews = (await history.ReviewsAsync(personId, turn.Aborted)).Take(MaxShown).ToList();
        var sharesNotes = await history.MaySeeNotesAsync(personId, caller, turn.Aborted);
        var first = ReviewSummary.FirstName(person.DisplayName);
        var notesLine = reviews.All(r => r.ManagerId == caller) ? string.Empty
            : sharesNotes ? $"{first} has agreed that you may see the notes of their reviews with other managers."
            : $"From reviews with other managers you see the objectives and learning needs only: {first} has not agreed to share the notes.";
        var shown = reviews.Select(r => new EarlierReviewData(
            Heading(r), r.ManagerId == caller || sharesNotes ? ReviewSummary.Sections(r) : ObjectivesAndNeeds(r))).ToList();
        var data = new EarlierReviewsCardData(personId, person.DisplayName, first, notesLine, shown.Count > 0, shown);

        // Five reviews with every note written out can be far more than a Teams card takes: then what every manager sees,
        // of the most recent few (three objectives of what and measure make the longest section, about 2,000 characters).
        var shorter = data with
        {
            NotesLine = $"These reviews are too long to show together in Teams, so here are the objectives and learning needs of the {ShownWhenShort} most recent.",
            Reviews = [.. reviews.Take(ShownWhenShort).Select(r => new EarlierReviewData(Heading(r), ObjectivesAndNeeds(r)))],
        };
        return CardActionResult.Replace(new CardReply(cards.Render(data), () => cards.Render(shorter)));
    }

    private static string Heading(ReviewEntity review) => $"{ReviewDates.InWords(review.ConfirmedAt ?? review.UpdatedAt)} with {review.ManagerName}";

    /// <summary>What every manager of the person sees of any earlier review: the objectives, their outcomes, and the chosen learning needs.</summary>
    public static IReadOnlyList<SummarySection> ObjectivesAndNeeds(ReviewEntity review)
    {
        var sections = new List<SummarySection>();
        var objectives = string.Join("\n\n", review.Objectives.Select((o, i) => $"{i + 1}. {o.What}, by {ReviewDates.InWords(o.ByWhen)}."
            + (o.Measure.Length > 0 ? $" We'll know: {o.Measure}" : string.Empty)));
        var carried = string.Join("\n\n", review.Carried.Select(o => $"{o.What}: {ReviewChoices.TitleOf(ReviewChoices.Outcomes, o.Outcome).ToLowerInvariant()}."));
        var needs = string.Join("; ", review.LearningNeedIds.Select(id => ReviewChoices.TitleOf(ReviewChoices.LearningNeeds, id)).Where(t => t.Length > 0));
        var ways = string.Join("; ", review.ApproachIds.Select(id => ReviewChoices.TitleOf(ReviewChoices.LearningApproaches, id)).Where(t => t.Length > 0));
        Add(sections, "Objectives from the review before", carried);
        Add(sections, "Objectives", objectives);
        Add(sections, "Learning needs", needs.Length > 0 ? needs + "." : string.Empty);
        Add(sections, "Ways to learn", ways.Length > 0 ? ways + "." : string.Empty);
        return sections;
    }

    private static void Add(List<SummarySection> sections, string title, string text)
    {
        if (text.Length > 0)
        {
            sections.Add(new SummarySection(title, text));
        }
    }
}
