namespace LearningBot.LearningDirectory.Finding;

/// <summary>An offer that fits a question, with the sessions that fit its filters (soonest first).</summary>
/// <param name="Coverage">Share of the question's words (weighted by rarity) the offer holds in its title or topics, in [0, 1]; a word only in its summary or audience counts a third or less.</param>
public sealed record CourseMatch(CourseListing Listing, double Score, double Coverage, IReadOnlyList<CourseSession> Sessions)
{
    public CourseOffer Offer => Listing.Offer;
}
