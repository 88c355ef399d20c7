namespace LearningBot.OneStopShop.Knowledge;

/// <summary>Who is asking, when known: lets "my L&amp;D lead" resolve to the asker's organisation.</summary>
/// <param name="OrganisationKind">One of <see cref="DirectoryKinds.OrganisationKinds"/>.</param>
/// <param name="Organisation">The asker's organisation name, as in the who's-who.</param>
/// <param name="Audience">The asker's role (worker, manager, lead…), when known.</param>
public sealed record AnswerContext(string? OrganisationKind = null, string? Organisation = null, string? Audience = null);
