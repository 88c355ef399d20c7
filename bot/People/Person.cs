namespace LearningBot.People;

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
