namespace LearningBot.OneStopShop.Knowledge;

/// <summary>A directory entry that answers a who-question.</summary>
/// <param name="Confidence">How well the person fits what was asked, in [0, 1].</param>
/// <param name="Network">The network whose lead this is, when the question was about a network.</param>
/// <param name="Reasons">What matched, for explaining the answer (organisation kind, role, topics).</param>
public sealed record PersonMatch(Person Person, double Confidence, LearningNetwork? Network, IReadOnlyList<string> Reasons);

/// <summary>Who is asking, when known: lets "my L&amp;D lead" resolve to the asker's organisation.</summary>
/// <param name="OrganisationKind">One of <see cref="DirectoryKinds.OrganisationKinds"/>.</param>
/// <param name="Organisation">The asker's organisation name, as in the who's-who.</param>
/// <param name="Audience">The asker's role (worker, manager, lead…), when known.</param>
public sealed record AnswerContext(string? OrganisationKind = null, string? Organisation = null, string? Audience = null);
