using LearningBot.FeedbackSignals;
using LearningBot.Leads;

namespace LearningBot.GoodPractice;

/// <summary>The steps of the sharing card, in order.</summary>
public static class SharingSteps
{
    /// <summary>The problem, and what was done and by whom.</summary>
    public const int Story = 1;

    /// <summary>What changed, and what they would do differently.</summary>
    public const int Results = 2;

    /// <summary>Contact, organisation, topics, link, consent and attribution.</summary>
    public const int About = 3;

    /// <summary>Check and submit.</summary>
    public const int Check = 4;

    public static int Clamp(int step) => Math.Clamp(step, Story, Check);
}

/// <summary>
/// The lists the sharing card offers besides the shared ones (organisation kinds from <see cref="SignalChoices"/>,
/// topics from <see cref="SignalThemes"/>), and the limits on typed answers. Stored values never change.
/// </summary>
public static class GoodPracticeChoices
{
    public const int StoryLimit = 1500;
    public const int ShortLimit = 100;
    public const int LinkLimit = 300;
    public const int NoteLimit = 500;

    public const string ContactMe = "me";
    public const string ContactSupportTeam = "ld-support-team";

    public static IReadOnlyList<SignalChoice> Contacts { get; } =
    [
        new(ContactMe, "Me, through Teams"),
        new(ContactSupportTeam, "The L&D Support Team, who will pass messages on"),
    ];

    public static IReadOnlyList<SignalChoice> AttributionChoices { get; } =
    [
        new(Attributions.NameAndOrganisation, "My name and my organisation"),
        new(Attributions.OrganisationOnly, "My organisation only"),
        new(Attributions.Anonymous, "Anonymous: the L&D Support Team is the contact"),
    ];

    /// <summary>How an example entered on someone's behalf reached the L&amp;D Support Team.</summary>
    public static IReadOnlyList<SignalChoice> ReceivedBy { get; } =
    [
        new("phone", "By phone"),
        new("email", "By email"),
        new("post", "By post"),
        new("compliment", "From a compliment in feedback signals"),
    ];

    public static IReadOnlyList<SignalChoice> OrganisationKinds => SignalChoices.OrganisationKinds;

    public static IReadOnlyList<SignalChoice> Topics => ThemeChoices.All;
}
