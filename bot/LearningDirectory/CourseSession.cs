namespace LearningBot.LearningDirectory;

/// <summary>
/// One dated session of an offer. Times are instants; cards show them in UK time. A session with no place has a
/// joining route (an online link, or "link sent on booking").
/// </summary>
public sealed record CourseSession(
    string OfferId,
    string Id,
    DateTimeOffset Starts,
    DateTimeOffset Ends,
    string? Place,
    string? JoiningRoute,
    int? PlacesLeft,
    bool IsCancelled)
{
    public bool IsUpcoming(DateTimeOffset now) => !IsCancelled && Starts > now;
}
