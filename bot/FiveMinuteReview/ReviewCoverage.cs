using System.Globalization;
using LearningBot.Cards;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Figures for the L&amp;D Support Team, and nothing else: the share of people with a review in the last months by
/// organisation, and how many people (and organisations) named each learning need. No names, no review text.
/// </summary>
public sealed class ReviewCoverage(ReviewStore store, CardCatalog cards, TimeProvider clock, IOptions<ReviewOptions> options)
{
    public async Task<ReviewCoverageCardData> CalculateAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var since = now.AddMonths(-settings.CoverageMonths);

        var organisationOf = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var person in store.QueryPeopleAsync(cancellationToken))
        {
            organisationOf.TryAdd(person.PersonId, OrganisationName(person.Organisation));
        }

        var reviewed = new HashSet<string>(StringComparer.Ordinal);
        var needs = new Dictionary<string, (HashSet<string> People, HashSet<string> Organisations)>(StringComparer.Ordinal);
        var approaches = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var durations = new List<double>();
        await foreach (var review in store.QueryConfirmedSinceAsync(since, cancellationToken))
        {
            reviewed.Add(review.PersonId);
            var organisation = OrganisationName(review.Organisation);
            organisationOf.TryAdd(review.PersonId, organisation);
            if (review.DurationSeconds is { } seconds)
            {
                durations.Add(seconds);
            }

            foreach (var topic in Topics(review.LearningTopics))
            {
                var entry = needs.TryGetValue(topic, out var found) ? found : needs[topic] = ([], []);
                entry.People.Add(review.PersonId);
                entry.Organisations.Add(organisation);
            }

            foreach (var approach in review.ApproachIds)
            {
                (approaches.TryGetValue(approach, out var set) ? set : approaches[approach] = []).Add(review.PersonId);
            }
        }

        var threshold = settings.SmallNumberThreshold;
        var byOrganisation = organisationOf
            .GroupBy(p => p.Value)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new CardLine($"{g.Key}: {Share(g.Count(p => reviewed.Contains(p.Key)), g.Count())}"))
            .ToList();
        return new ReviewCoverageCardData(
            settings.CoverageMonths,
            ReviewDates.InWords(now),
            organisationOf.Count == 0 ? "No one has been added to a Five Minute Review yet." : $"{Share(reviewed.Count(organisationOf.ContainsKey), organisationOf.Count)} have had a review.",
            byOrganisation,
            durations.Count == 0 ? string.Empty : $"Half of reviews took {Minutes(Median(durations))} or less from start to save.",
            [.. needs.OrderByDescending(n => n.Value.People.Count).ThenBy(n => n.Key, StringComparer.Ordinal)
                .Select(n => new CardLine($"{n.Key}: {People(n.Value.People.Count, threshold)}, {Count(n.Value.Organisations.Count, "organisation")}"))],
            [.. approaches.OrderByDescending(a => a.Value.Count).ThenBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => new CardLine($"{Title(a.Key)}: {People(a.Value.Count, threshold)}"))],
            threshold);
    }

    public async Task<System.Text.Json.Nodes.JsonObject> RenderAsync(CancellationToken cancellationToken) =>
        cards.Render(await CalculateAsync(cancellationToken));

    /// <summary>Topics as typed, separated by commas or semicolons, compared without case or extra spaces.</summary>
    public static IEnumerable<string> Topics(string text) =>
        text.Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(t => string.Join(' ', t.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.'))
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal);

    private static string OrganisationName(string? organisation) =>
        string.IsNullOrWhiteSpace(organisation) ? "Organisation not recorded" : organisation.Trim();

    private static string Share(int part, int whole) =>
        $"{part} of {Count(whole, "person", "people")} ({(whole == 0 ? 0 : (int)Math.Round(100.0 * part / whole)).ToString(CultureInfo.InvariantCulture)}%)";

    private static string People(int count, int threshold) =>
        count < threshold ? $"fewer than {threshold} people" : Count(count, "person", "people");

    private static string Count(int count, string one, string? many = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? one : many ?? one + "s")}";

    private static string Title(string approachId) =>
        ReviewChoices.TitleOf(ReviewChoices.LearningApproaches, approachId) is { Length: > 0 } title ? title : approachId;

    private static string Minutes(double seconds)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(seconds / 60));
        return Count(minutes, "minute");
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
