namespace LearningBot.Connector.Hosting;

/// <summary>A route's required role and the words a person without it sees.</summary>
public sealed record RouteGuard(Role Role, string Refusal);
