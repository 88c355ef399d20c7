namespace LearningBot.LearningDirectory.Finding;

/// <summary>A stretch of time a question asks about, with the words it was asked in ("next month").</summary>
public sealed record DateWindow(DateTimeOffset From, DateTimeOffset To, string Words)
{
    public bool Holds(DateTimeOffset instant) => instant >= From && instant < To;
}

/// <summary>
/// A question read for the learning directory: whether it is looking for a course, and the filters it carries.
/// </summary>
/// <param name="Topic">The question with the time, place and format words taken out: what to search by.</param>
/// <param name="IsCourseSeeking">It asks for a course, session, booking or e-learning rather than advice.</param>
/// <param name="When">"next month", "in January": sessions outside it are left out.</param>
/// <param name="Place">"near Peterborough": sessions elsewhere are left out (online offers stay).</param>
/// <param name="Formats">"e-learning", "online", "classroom": offers in other formats are left out.</param>
public sealed record CourseQuestion(
    string Topic,
    bool IsCourseSeeking,
    DateWindow? When,
    string? Place,
    IReadOnlySet<CourseFormat> Formats)
{
    public bool HasFilters => When is not null || Place is not null || Formats.Count > 0;
}
