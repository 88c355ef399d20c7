namespace LearningBot.OneStopShop.Knowledge;

/// <summary>A cross-organisation network (clinical or occupational leads, peer groups).</summary>
public sealed record LearningNetwork(string Id, string Name, string Purpose, string Lead, string HowToJoin);
