namespace LearningBot.Announcements;

/// <summary>One choice of audience on the compose card.</summary>
public sealed record AudienceChoice(string Title, string Value);
