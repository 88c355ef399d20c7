namespace LearningBot.People;

/// <summary>What a manager types to add someone who has no Teams account.</summary>
public sealed record NewPerson(string DisplayName, string? JobTitle, string? Organisation, string? OrganisationKind);
