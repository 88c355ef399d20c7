using LearningBot.Privacy;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>
/// An offer whose typed text (title, summary, topics, provider, staff groups, length, cost) has been through
/// <see cref="PersonalDataScrubber"/>: the only form the store accepts. The booking route is an organisation's contact
/// route, checked for its shape where it is typed, and is kept as it is.
/// </summary>
public sealed class ScrubbedOffer
{
    private ScrubbedOffer(CourseOffer offer, IReadOnlyList<string> removed)
    {
        Offer = offer;
        Removed = removed;
    }

    public CourseOffer Offer { get; }

    /// <summary>The kinds of identifier removed, each once; empty when nothing was.</summary>
    public IReadOnlyList<string> Removed { get; }

    public bool WasScrubbed => Removed.Count > 0;

    public static ScrubbedOffer Of(CourseOffer offer, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var removed = new List<string>();
        string Scrub(string text)
        {
            var scrubbed = PersonalDataScrubber.Scrub(text, today);
            removed.AddRange(scrubbed.Removed);
            return scrubbed.Text;
        }

        IReadOnlyList<string> ScrubAll(IEnumerable<string> items) => [.. items.Select(Scrub).Where(item => item.Length > 0)];

        var scrubbed = offer with
        {
            Title = Scrub(offer.Title),
            Summary = Scrub(offer.Summary),
            Topics = ScrubAll(offer.Topics),
            Provider = Scrub(offer.Provider),
            StaffGroups = ScrubAll(offer.StaffGroups),
            Length = Scrub(offer.Length),
            Cost = offer.Cost is null ? null : Scrub(offer.Cost) is { Length: > 0 } cost ? cost : null,
        };
        return new ScrubbedOffer(scrubbed, [.. removed.Distinct(StringComparer.Ordinal)]);
    }
}

/// <summary>A session whose place (and joining route, unless it is a web link) has been through <see cref="PersonalDataScrubber"/>.</summary>
public sealed class ScrubbedSession
{
    private ScrubbedSession(CourseSession session, IReadOnlyList<string> removed)
    {
        Session = session;
        Removed = removed;
    }

    public CourseSession Session { get; }

    public IReadOnlyList<string> Removed { get; }

    public bool WasScrubbed => Removed.Count > 0;

    public static ScrubbedSession Of(CourseSession session, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(session);
        var place = PersonalDataScrubber.Scrub(session.Place, today);
        // A meeting link is full of long numbers the scrubber would take for identifiers; it is checked as a link instead.
        var joining = IsWebLink(session.JoiningRoute) ? null : PersonalDataScrubber.Scrub(session.JoiningRoute, today);
        var scrubbed = session with
        {
            Place = place.IsEmpty ? null : place.Text,
            JoiningRoute = IsWebLink(session.JoiningRoute) ? session.JoiningRoute!.Trim() : joining is null || joining.IsEmpty ? null : joining.Text,
        };
        return new ScrubbedSession(scrubbed, [.. place.Removed.Concat(joining?.Removed ?? []).Distinct(StringComparer.Ordinal)]);
    }

    public static bool IsWebLink(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !text!.Trim().Contains(' ', StringComparison.Ordinal);
}
