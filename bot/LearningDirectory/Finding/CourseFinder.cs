using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.LearningDirectory.Finding;

/// <summary>
/// Finds offers for a question: reads its filters, ranks the offers open to the asker's kind of organisation by their
/// words, and narrows their sessions to the time, place and format asked for. A filter that would leave nothing is let
/// go and said so. The index is rebuilt when the catalogue hands back a different list.
/// </summary>
public sealed class CourseFinder
{
    /// <summary>Offers covering less of the question than this are not shown.</summary>
    public const double MinimumCoverage = 0.5;

    /// <summary>At most this many offers on one answer, so it reads on a phone.</summary>
    public const int MaxOffers = 3;

    private readonly ICourseCatalogue _catalogue;
    private readonly TextAnalyzer _analyzer;
    private readonly TimeProvider _clock;
    private volatile BuiltIndex? _built;

    public CourseFinder(ICourseCatalogue catalogue, SynonymTable synonyms, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        _catalogue = catalogue;
        _analyzer = new TextAnalyzer(CourseSynonyms.With(synonyms));
        _clock = clock;
    }

    /// <param name="organisationKind">The asker's kind of organisation, or null when unknown (then only offers open to all).</param>
    public async Task<CourseFindings> FindAsync(string question, string? organisationKind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var index = await IndexAsync(cancellationToken);
        var read = CourseQuestionReader.Read(question, _clock.GetUtcNow(), index.Places);
        return Find(index, read, organisationKind);
    }

    /// <summary>Offers that the article explains, open to the asker, with their next sessions (for "Upcoming sessions").</summary>
    public async Task<IReadOnlyList<CourseListing>> ForArticleAsync(string articleId, string? organisationKind, CancellationToken cancellationToken)
    {
        var index = await IndexAsync(cancellationToken);
        return [.. index.Listings
            .Where(l => l.Offer.ArticleId == articleId && l.Offer.IsOpenTo(organisationKind) && l.UpcomingSessions.Count > 0)
            .OrderBy(l => l.UpcomingSessions[0].Starts)
            .Take(MaxOffers)];
    }

    /// <summary>Whether the topic has words to search by once words such as "course" and "new" are set aside.</summary>
    public async Task<bool> HasSearchWordsAsync(string topic, CancellationToken cancellationToken) =>
        (await IndexAsync(cancellationToken)).HasSearchWords(topic);

    /// <summary>
    /// Whether asking about <paramref name="topic"/> finds <paramref name="offer"/>, as a question would (its words weighed
    /// against the whole directory); an offer the catalogue has not read yet is weighed with it.
    /// </summary>
    public async Task<bool> TopicFindsAsync(string topic, CourseOffer offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var index = await IndexAsync(cancellationToken);
        if (!index.Listings.Any(l => l.Offer.Id == offer.Id))
        {
            index = CourseIndex.Build([.. index.Listings, new CourseListing(offer, [])], _analyzer);
        }

        return index.Search(topic, l => l.Offer.Id == offer.Id).Any(m => m.Coverage >= MinimumCoverage);
    }

    internal static CourseFindings Find(CourseIndex index, CourseQuestion question, string? organisationKind)
    {
        if (!index.HasSearchWords(question.Topic))
        {
            // A place or format on its own ("shadow", "at the council") is too little to go on; a time is a real ask.
            return question.When is not null ? Browse(index, question, organisationKind) : CourseFindings.None(question);
        }

        var matches = index.Search(question.Topic, l => l.Offer.IsOpenTo(organisationKind))
            .Where(m => m.Coverage >= MinimumCoverage)
            .ToList();
        var restrictedLeftOut = organisationKind is null && matches.Count < MaxOffers
            && index.Search(question.Topic, l => !l.Offer.IsOpenTo(null)).Any(m => m.Coverage >= MinimumCoverage);
        if (matches.Count == 0)
        {
            return CourseFindings.None(question) with { OnlyOpenToAll = restrictedLeftOut };
        }

        var notes = new List<string>();
        var filtered = Narrow(matches, question, notes);
        var best = filtered[0].Score;
        var shown = filtered.Where(m => m.Score >= best / 2).Take(MaxOffers).ToList();
        return new CourseFindings(question, shown, shown.Max(m => m.Coverage), notes, restrictedLeftOut);
    }

    /// <summary>"Anything next month?" with no topic: the soonest offers that fit the filters.</summary>
    private static CourseFindings Browse(CourseIndex index, CourseQuestion question, string? organisationKind)
    {
        var notes = new List<string>();
        var open = index.Listings
            .Where(l => l.Offer.IsOpenTo(organisationKind) && l.UpcomingSessions.Count > 0)
            .Select(l => new CourseMatch(l, 1, 1, l.UpcomingSessions))
            .ToList();
        if (open.Count == 0)
        {
            return CourseFindings.None(question);
        }

        var shown = Narrow(open, question, notes)
            .Where(m => m.Sessions.Count > 0)
            .OrderBy(m => m.Sessions[0].Starts)
            .Take(MaxOffers)
            .ToList();
        return new CourseFindings(question, shown, shown.Count > 0 ? 1 : 0, notes, organisationKind is null);
    }

    private static List<CourseMatch> Narrow(List<CourseMatch> matches, CourseQuestion question, List<string> notes)
    {
        if (question.Formats.Count > 0)
        {
            matches = Keep(matches, [.. matches.Where(m => question.Formats.Contains(m.Offer.Format))],
                "Nothing on this in the format you asked for, so here are the other ways to learn it.", notes);
        }

        if (question.When is { } when)
        {
            matches = Keep(matches, Sessions(matches, s => when.Holds(s.Starts), m => m.Offer.Format == CourseFormat.ELearning),
                $"No dates on this {when.Words}, so here are the next ones.", notes);
        }

        if (question.Place is { } place)
        {
            matches = Keep(matches, Sessions(matches, s => s.Place?.Contains(place, StringComparison.OrdinalIgnoreCase) == true, m => m.Offer.Format is CourseFormat.ELearning or CourseFormat.Online),
                $"No sessions near {char.ToUpperInvariant(place[0])}{place[1..]}, so here are the other places.", notes);
        }

        return matches;
    }

    /// <summary>Each offer with only its sessions that fit; an offer with none left stays only when it needs no session to fit.</summary>
    private static List<CourseMatch> Sessions(List<CourseMatch> matches, Func<CourseSession, bool> fits, Func<CourseMatch, bool> fitsAnyway) =>
        [.. matches
            .Select(m => m with { Sessions = [.. m.Sessions.Where(fits)] })
            .Where(m => m.Sessions.Count > 0 || fitsAnyway(m))];

    private static List<CourseMatch> Keep(List<CourseMatch> all, List<CourseMatch> narrowed, string note, List<string> notes)
    {
        if (narrowed.Count > 0)
        {
            return narrowed;
        }

        notes.Add(note);
        return all;
    }

    private async Task<CourseIndex> IndexAsync(CancellationToken cancellationToken)
    {
        var listings = await _catalogue.CurrentAsync(cancellationToken);
        if (_built is { } built && ReferenceEquals(built.Source, listings))
        {
            return built.Index;
        }

        var index = CourseIndex.Build(listings, _analyzer);
        _built = new BuiltIndex(listings, index);
        return index;
    }

    private sealed record BuiltIndex(IReadOnlyList<CourseListing> Source, CourseIndex Index);
}
