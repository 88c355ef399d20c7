using LearningBot.People;

namespace LearningBot.Leads;

/// <summary>The organisation kinds a lead can belong to, in the order the register lists them, with their names.</summary>
public static class LeadOrganisationKinds
{
    public static IReadOnlyList<(string Value, string Label)> All { get; } =
    [
        (OrganisationKinds.AcuteTrust, "Hospital trust"),
        (OrganisationKinds.MentalHealthTrust, "Mental health trust"),
        (OrganisationKinds.AmbulanceTrust, "Ambulance trust"),
        (OrganisationKinds.PrimaryCare, "Primary care"),
        (OrganisationKinds.Council, "City council"),
        (OrganisationKinds.VoluntarySector, "Voluntary sector"),
        (OrganisationKinds.IndependentSector, "Independent care provider"),
    ];

    public static string LabelOf(string kind) => All.FirstOrDefault(k => k.Value == kind).Label ?? kind;

    /// <summary>Where the kind comes in the register (unknown kinds last).</summary>
    public static int OrderOf(string kind)
    {
        var index = All.Select(k => k.Value).ToList().IndexOf(kind);
        return index < 0 ? All.Count : index;
    }
}
