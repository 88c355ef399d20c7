namespace LearningBot.LearningDirectory;

/// <summary>
/// The statutory and mandatory topics an offer can deliver: the Core Skills Training Framework subjects, and the
/// Oliver McGowan training our community asks of everyone. Ids are stored and used in CSV imports: never rename one.
/// </summary>
public static class MandatoryTopics
{
    public static IReadOnlyList<(string Id, string Label)> All { get; } =
    [
        ("equality-diversity-and-human-rights", "Equality, diversity and human rights"),
        ("health-safety-and-welfare", "Health, safety and welfare"),
        ("conflict-resolution", "Conflict resolution"),
        ("fire-safety", "Fire safety"),
        ("infection-prevention-and-control", "Infection prevention and control"),
        ("moving-and-handling", "Moving and handling"),
        ("safeguarding-adults", "Safeguarding adults"),
        ("safeguarding-children", "Safeguarding children"),
        ("preventing-radicalisation", "Preventing radicalisation"),
        ("resuscitation", "Resuscitation"),
        ("information-governance", "Information governance and data security"),
        ("oliver-mcgowan", "Oliver McGowan training on learning disability and autism"),
    ];

    public static bool IsKnown(string? id) => id is not null && All.Any(topic => topic.Id == id);

    public static string LabelOf(string id) => All.FirstOrDefault(topic => topic.Id == id).Label ?? id;
}
