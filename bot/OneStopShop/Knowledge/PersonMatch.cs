namespace LearningBot.OneStopShop.Knowledge;

/// <summary>A directory entry that answers a who-question.</summary>
/// <param name="Confidence">How well the person fits what was asked, in [0, 1].</param>
/// <param name="Network">The network whose lead this is, when the question was about a network.</param>
/// <param name="Reasons">What matched, for explaining the answer (organisation kind, role, topics).</param>
public sealed record PersonMatch(Person Person, double Confidence, LearningNetwork? Network, IReadOnlyList<string> Reasons);
