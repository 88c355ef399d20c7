namespace LearningBot.LearningDirectory.Finding;

/// <summary>An offer that fits a question, with the sessions that fit its filters (soonest first).</summary>
/// <param name="Coverage">Share of the question's words (weighted by rarity) the offer holds, in [0, 1].</param>
public sealed record CourseMatch(CourseListing Listing, double Score, double Coverage, IReadOnlyList<CourseSession> Sessions)
{
    public CourseOffer Offer => Listing.Offer;
}
