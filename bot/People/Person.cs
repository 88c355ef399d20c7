namespace LearningBot.People;

/// <summary>Where a person's details come from.</summary>
public enum PersonSource
{
    /// <summary>Microsoft Graph (Entra ID).</summary>
    Graph,

    /// <summary>The table-backed directory, seeded from <c>people/people.csv</c>.</summary>
    Directory,

    /// <summary>Added by their manager because they have no Teams or Entra ID account.</summary>
    AddedByManager,
}

/// <summary>
/// Someone a manager can review. <paramref name="Id"/> is the person key: the Entra object id for people in Entra ID
/// (the same as Teams' <c>from.aadObjectId</c>), otherwise a generated <c>local:&lt;guid&gt;</c> id.
/// </summary>
public sealed record Person(
    string Id,
    string DisplayName,
    string? JobTitle,
    string? Organisation,
    string? OrganisationKind,
    string? Email,
    bool UsesTeams,
    PersonSource Source,
    string? ManagerId);

/// <summary>What a manager types to add someone who has no Teams account.</summary>
public sealed record NewPerson(string DisplayName, string? JobTitle, string? Organisation, string? OrganisationKind);
