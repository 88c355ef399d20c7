namespace LearningBot.FeedbackSignals;

/// <summary>
/// The controlled list of themes a signal is about. The same ids name the topics leads cover, so a theme can later
/// reach the leads whose topics match it; an id, once stored, never changes.
/// </summary>
public static class SignalThemes
{
    public static IReadOnlyList<SignalChoice> All { get; } =
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
}
