namespace LearningBot.Leads;

/// <summary>A theme feedback about staff skills is filed under, and a lead's specialty: the same list for both.</summary>
public sealed record SignalTheme(string Id, string Label);

/// <summary>
/// The controlled list of themes. Feedback signals are logged against one of these, and leads name the ones that should
/// reach them, so a signal's theme and a lead's specialty always match by id. Ids are stored: never rename one.
/// </summary>
public static class SignalThemes
{
    public static IReadOnlyList<SignalTheme> All { get; } =
    [
        new("communication-and-information", "Communication and information"),
        new("dignity-and-respect", "Dignity and respect"),
        new("dementia", "Dementia"),
        new("learning-disability-and-autism", "Learning disability and autism"),
        new("mental-health-awareness", "Mental health awareness"),
        new("medicines", "Medicines"),
        new("moving-and-handling", "Moving and handling"),
        new("infection-prevention", "Infection prevention"),
        new("nutrition-and-hydration", "Nutrition and hydration"),
        new("end-of-life", "End of life care"),
        new("safeguarding-awareness", "Safeguarding awareness"),
        new("handover-between-organisations", "Handover between organisations"),
        new("interpreting", "Interpreting"),
        new("other", "Other"),
    ];

    public static bool IsKnown(string id) => All.Any(theme => theme.Id == id);

    public static string LabelOf(string id) => All.FirstOrDefault(theme => theme.Id == id)?.Label ?? id;

    /// <summary>The known ids among <paramref name="ids"/>, in the list's order, each once.</summary>
    public static IReadOnlyList<string> Known(IEnumerable<string> ids)
    {
        var wanted = new HashSet<string>(ids, StringComparer.Ordinal);
        return [.. All.Select(theme => theme.Id).Where(wanted.Contains)];
    }

    /// <summary>The ids in a card's comma-separated multi-select value.</summary>
    public static IReadOnlyList<string> Parse(string? value) =>
        Known((value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
