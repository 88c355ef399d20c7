namespace LearningBot.People;

/// <summary>The kinds of organisation in the community, as written in <c>people/people.csv</c>.</summary>
public static class OrganisationKinds
{
    public const string PrimaryCare = "primary-care";
    public const string AcuteTrust = "acute-trust";
    public const string MentalHealthTrust = "mental-health-trust";
    public const string AmbulanceTrust = "ambulance-trust";
    public const string Council = "council";
    public const string VoluntarySector = "voluntary-sector";
    public const string IndependentSector = "independent-sector";

    public static IReadOnlyList<string> All { get; } =
        [PrimaryCare, AcuteTrust, MentalHealthTrust, AmbulanceTrust, Council, VoluntarySector, IndependentSector];

    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.Ordinal);
}
