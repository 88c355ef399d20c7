namespace LearningBot.OneStopShop.Escalation;

/// <summary>Someone who did something to a ticket: their person key (Entra object id, or Teams id) and name.</summary>
public sealed record Actor(string Key, string Name, string? TeamsUserId = null);
