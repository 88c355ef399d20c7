namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>
/// Told once a new session of an offer is stored, added in Teams or by an import (not for the sample offers loaded at
/// start). Called after the write, once per session the call created; a failure here is logged and never undoes the
/// write. Whoever tells people about new sessions implements this and registers it as a singleton.
/// </summary>
public interface ICourseSessionAdded
{
    Task SessionAddedAsync(CourseOffer offer, CourseSession session, CancellationToken cancellationToken);
}
