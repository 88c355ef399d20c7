namespace LearningBot.Tests.MultiInstance;

/// <summary>Someone in the people directory the shared-delivery instances are seeded with.</summary>
public sealed record SeededPerson(string Id, string OrganisationKind, bool UsesTeams);
