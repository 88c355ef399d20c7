namespace LearningBot.LearningDirectory;

/// <summary>An offer as people can see it now: not retired, with its upcoming sessions, soonest first.</summary>
public sealed record CourseListing(CourseOffer Offer, IReadOnlyList<CourseSession> UpcomingSessions);

/// <summary>
/// The read side of the learning directory: what search and answers use. Every instance reads the same table storage,
/// so an offer or session saved on one instance is seen by all.
/// </summary>
public interface ICourseCatalogue
{
    /// <summary>Every offer that is not retired, each with its upcoming sessions (past and cancelled ones left out).</summary>
    ValueTask<IReadOnlyList<CourseListing>> CurrentAsync(CancellationToken cancellationToken);
}
