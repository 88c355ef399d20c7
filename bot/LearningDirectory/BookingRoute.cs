namespace LearningBot.LearningDirectory;

/// <summary>
/// How to book an offer. The booking stays with the organisation that runs it: the bot shows the route, it never takes
/// bookings itself. At least one of the three is set.
/// </summary>
public sealed record BookingRoute(string? Url, string? Email, string? Phone)
{
    public bool IsEmpty => Url is null && Email is null && Phone is null;
}
