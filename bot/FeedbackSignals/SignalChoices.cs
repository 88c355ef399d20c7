namespace LearningBot.FeedbackSignals;

/// <summary>
/// The lists a signal is logged from (the theme list is <see cref="ThemeChoices"/>). Every answer is a value from one
/// of them, so signals can be counted together and nothing typed can identify anyone. Stored values never change.
/// </summary>
public static class SignalChoices
{
    public const int NoteLimit = 500;

    public static IReadOnlyList<SignalChoice> Sources { get; } =
    [
        new("pals", "PALS (Patient Advice and Liaison Service)"),
        new("patient-forum", "Patient forum or Healthwatch"),
        new("complaints-advocacy", "Complaints advocacy"),
        new("survey", "Survey or comment card"),
        new("compliment", "Compliment"),
        new("user-group", "Specialist user group"),
    ];

    /// <summary>The organisation kinds of the people directory and the who's who (<c>organisationKind</c>).</summary>
    public static IReadOnlyList<SignalChoice> OrganisationKinds { get; } =
    [
        new("primary-care", "Primary care (GP practices and partners)"),
        new("acute-trust", "Acute hospital trust"),
        new("mental-health-trust", "Mental health trust"),
        new("ambulance-trust", "Ambulance trust"),
        new("council", "City council (adult or children's social care)"),
        new("voluntary-sector", "Voluntary sector"),
        new("independent-sector", "Independent care provider"),
    ];

    public static IReadOnlyList<SignalChoice> ServiceAreas { get; } =
    [
        new("emergency-care", "Emergency care"),
        new("inpatient-wards", "Inpatient wards"),
        new("outpatients", "Outpatients"),
        new("community-nursing", "Community nursing"),
        new("gp-practice", "GP practice"),
        new("mental-health-services", "Mental health services"),
        new("learning-disability-services", "Learning disability services"),
        new("care-homes", "Care homes"),
        new("home-care", "Home care"),
        new("ambulance", "Ambulance"),
        new("social-work", "Social work"),
        new("other", "Other"),
    ];

    public static IReadOnlyList<SignalChoice> Kinds { get; } =
    [
        new("concern", "A concern"),
        new("compliment", "A compliment"),
    ];

    public static IReadOnlyList<SignalChoice> Frequencies { get; } =
    [
        new("once", "Once"),
        new("2-4", "2 to 4 times"),
        new("5-or-more", "5 or more times"),
    ];

    /// <summary>Whether learning could be the answer, as the person who heard it judges.</summary>
    public static IReadOnlyList<SignalChoice> Causes { get; } =
    [
        new("skills-or-knowledge", "Skills or knowledge"),
        new("something-else", "Something else (staffing, equipment or a process)"),
        new("not-sure", "Not sure"),
    ];
}
