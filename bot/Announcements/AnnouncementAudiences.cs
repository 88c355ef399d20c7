using LearningBot.People;

namespace LearningBot.Announcements;

/// <summary>
/// Who an announcement can go to, as the compose card's choice values: <c>everyone</c> in the people directory, one
/// kind of organisation (<c>kind:</c> and an <see cref="OrganisationKinds"/> value), or <c>me</c> for a test send.
/// </summary>
public static class AnnouncementAudiences
{
    public const string Everyone = "everyone";
    public const string Me = "me";
    public const string KindPrefix = "kind:";

    /// <summary>Every choice, in the order the card lists them.</summary>
    public static IReadOnlyList<AudienceChoice> Choices { get; } =
    [
        new("Everyone in the people directory", Everyone),
        .. OrganisationKinds.All.Select(kind => new AudienceChoice($"Everyone in {KindInWords(kind)}", KindPrefix + kind)),
        new("Just me (a test send)", Me),
    ];

    public static bool IsKnown(string? audience) => Choices.Any(choice => choice.Value == audience);

    public static string Describe(string audience) =>
        Choices.FirstOrDefault(choice => choice.Value == audience)?.Title ?? audience;

    /// <summary>The organisation kind an audience is limited to, or null for everyone and for a test send.</summary>
    public static string? KindOf(string audience) =>
        audience.StartsWith(KindPrefix, StringComparison.Ordinal) ? audience[KindPrefix.Length..] : null;

    private static string KindInWords(string kind) => kind switch
    {
        OrganisationKinds.PrimaryCare => "primary care",
        OrganisationKinds.AcuteTrust => "acute trusts",
        OrganisationKinds.MentalHealthTrust => "mental health trusts",
        OrganisationKinds.AmbulanceTrust => "ambulance trusts",
        OrganisationKinds.Council => "councils",
        OrganisationKinds.VoluntarySector => "the voluntary sector",
        OrganisationKinds.IndependentSector => "the independent sector",
        _ => kind.Replace('-', ' '),
    };
}
