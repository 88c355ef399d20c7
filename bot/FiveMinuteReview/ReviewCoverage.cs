using System.Globalization;
using LearningBot.Cards;
using LearningBot.Privacy;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Figures for the L&amp;D Support Team, and nothing else: the share of people with a review in the last months by
/// organisation, and how many people (and organisations) need each learning need from the fixed list. No names, no
/// review text, and every count follows the small-numbers rule (<see cref="SmallNumbers"/>): figures get forwarded.
/// </summary>
public sealed class ReviewCoverage(ReviewStore store, CardCatalog cards, TimeProvider clock, IOptions<ReviewOptions> options)
{
    /// <summary>The line for organisations too small to show on their own, added together.</summary>
    public const string OtherOrganisations = "Other organisations (fewer than 5 people each)";

    /// <summary>The same line when a bigger organisation had to join them, so the small ones can't be worked out.</summary>
    public const string OtherOrganisationsJoined = "Other organisations, together";

    public const string JoinedNote =
        "Some larger organisations are counted with the smaller ones, so that the smaller ones can't be worked out from the total.";

    public const string LeftOutNote = "Some organisations have too few people to show, even added together, so they are left out.";

    public async Task<ReviewCoverageCardData> CalculateAsync(CancellationToken cancellationToken)
    {
        var months = options.Value.CoverageMonths;
        var now = clock.GetUtcNow();
        var people = new List<PersonIndexEntity>();
        await foreach (var person in store.QueryPeopleAsync(cancellationToken))
        {
            people.Add(person);
        }

        var reviews = new List<ReviewEntity>();
        await foreach (var review in store.QueryConfirmedSinceAsync(now.AddMonths(-months), cancellationToken))
        {
            reviews.Add(review);
        }

        return Summarise(people, reviews, months, now);
    }

    public async Task<System.Text.Json.Nodes.JsonObject> RenderAsync(CancellationToken cancellationToken) =>
        cards.Render(await CalculateAsync(cancellationToken));

    /// <summary>
    /// The card's figures from everyone managers look after (<paramref name="people"/>) and the reviews confirmed in the
    /// period. Only values from the fixed lists are counted; anything else a review holds is ignored.
    /// </summary>
    public static ReviewCoverageCardData Summarise(IEnumerable<PersonIndexEntity> people, IEnumerable<ReviewEntity> reviews, int months, DateTimeOffset now)
    {
        var organisationOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in people)
        {
            organisationOf.TryAdd(person.PersonId, OrganisationName(person.Organisation));
        }

        var reviewed = new HashSet<string>(StringComparer.Ordinal);
        var needs = new Dictionary<string, (HashSet<string> People, HashSet<string> Organisations)>(StringComparer.Ordinal);
        var approaches = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var durations = new List<double>();
        foreach (var review in reviews)
        {
            reviewed.Add(review.PersonId);
            var organisation = OrganisationName(review.Organisation);
            organisationOf.TryAdd(review.PersonId, organisation);
            if (review.DurationSeconds is { } seconds)
            {
                durations.Add(seconds);
            }

            foreach (var need in ReviewChoices.Known(ReviewChoices.LearningNeeds, review.LearningNeedIds))
            {
                var entry = needs.TryGetValue(need, out var found) ? found : needs[need] = ([], []);
                entry.People.Add(review.PersonId);
                entry.Organisations.Add(organisation);
            }

            foreach (var approach in ReviewChoices.Known(ReviewChoices.LearningApproaches, review.ApproachIds))
            {
                (approaches.TryGetValue(approach, out var set) ? set : approaches[approach] = []).Add(review.PersonId);
            }
        }

        var everyone = organisationOf.Count;
        var overall = SmallNumbers.Share(reviewed.Count(organisationOf.ContainsKey), everyone, "people");
        var (organisations, note) = overall is null ? ([], string.Empty) : ByOrganisation(organisationOf, reviewed);
        return new ReviewCoverageCardData(
            months,
            ReviewDates.InWords(now),
            everyone == 0 ? "No one has been added to a Five Minute Review yet."
                : overall is null ? $"Fewer than {SmallNumbers.Threshold} people have been added to a Five Minute Review so far, so no figures are shown yet."
                : $"{overall} have had a review.",
            organisations,
            note,
            durations.Count < SmallNumbers.Threshold ? string.Empty : $"Half of reviews took {Minutes(Median(durations))} or less from start to save.",
            [.. Largest(needs, n => n.People.Count, ReviewChoices.LearningNeeds)
                .Select(n => new CardLine($"{n.Title}: {SmallNumbers.Count(n.Value.People.Count, "person", "people")}, {SmallNumbers.Count(n.Value.Organisations.Count, "organisation")}"))],
            [.. Largest(approaches, a => a.Count, ReviewChoices.LearningApproaches)
                .Select(a => new CardLine($"{a.Title}: {SmallNumbers.Count(a.Value.Count, "person", "people")}"))],
            SmallNumbers.Threshold);
    }

    /// <summary>A line per organisation with enough people to show; the rest added together, or left out with a note.</summary>
    private static (IReadOnlyList<CardLine> Lines, string Note) ByOrganisation(Dictionary<string, string> organisationOf, HashSet<string> reviewed)
    {
        var organisations = organisationOf
            .GroupBy(p => p.Value)
            .Select(g => (Name: g.Key, People: g.Count(), Reviewed: g.Count(p => reviewed.Contains(p.Key))))
            .OrderBy(o => o.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(o => o.Name, StringComparer.Ordinal);
        var groups = SmallNumbers.Group(organisations, o => o.People);
        var lines = groups.Shown.Select(o => new CardLine($"{o.Name}: {SmallNumbers.Share(o.Reviewed, o.People, "people")}")).ToList();
        if (groups.CanShowTogether)
        {
            var share = SmallNumbers.Share(groups.Together.Sum(o => o.Reviewed), groups.TogetherSize, "people");
            lines.Add(new CardLine($"{(groups.Joined ? OtherOrganisationsJoined : OtherOrganisations)}: {share}"));
        }

        return (lines, groups.LeftOut ? LeftOutNote : groups.Joined ? JoinedNote : string.Empty);
    }

    /// <summary>
    /// The counted values, biggest first. Small counts all read "fewer than 5", so they come after the rest in the
    /// list's own order, which says nothing about which of them is bigger.
    /// </summary>
    private static IEnumerable<(string Title, T Value)> Largest<T>(Dictionary<string, T> counted, Func<T, int> count, IReadOnlyList<Choice> choices) =>
        counted
            .Select(c => (Id: c.Key, Title: ReviewChoices.TitleOf(choices, c.Key), c.Value, Count: count(c.Value)))
            .OrderByDescending(c => SmallNumbers.IsSmall(c.Count) ? 0 : c.Count)
            .ThenBy(c => choices.Select(choice => choice.Value).ToList().IndexOf(c.Id))
            .Select(c => (c.Title, c.Value));

    private static string OrganisationName(string? organisation) =>
        string.IsNullOrWhiteSpace(organisation) ? "Organisation not recorded" : organisation.Trim();

    private static string Minutes(double seconds)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(seconds / 60));
        return $"{minutes.ToString(CultureInfo.InvariantCulture)} {(minutes == 1 ? "minute" : "minutes")}";
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
