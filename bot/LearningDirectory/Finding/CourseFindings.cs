namespace LearningBot.LearningDirectory.Finding;

/// <summary>What the directory found for a question.</summary>
/// <param name="Matches">The offers to show, best first, each with the sessions that fit the question.</param>
/// <param name="Confidence">How much of the question the best offer covers, in [0, 1].</param>
/// <param name="Notes">Filters that found nothing and were let go, in words ("Nothing near Peterborough, …").</param>
/// <param name="OnlyOpenToAll">The asker's organisation is unknown and a course restricted to some organisations was left out.</param>
public sealed record CourseFindings(
    CourseQuestion Question,
    IReadOnlyList<CourseMatch> Matches,
    double Confidence,
    IReadOnlyList<string> Notes,
    bool OnlyOpenToAll)
{
    public static CourseFindings None(CourseQuestion question) => new(question, [], 0, [], false);
}
