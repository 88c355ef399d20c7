using LearningBot.Cards;

namespace LearningBot.Welcome;

/// <summary>Data for the <c>coming-soon</c> card: an honest notice that a feature is not ready yet.</summary>
/// <param name="FeatureName">The feature's name as people know it, for example "Five Minute Review".</param>
/// <param name="WhatItWillDo">Ends the sentence "When it's ready, it will let you …", with a full stop.</param>
public sealed record ComingSoonCardData(string FeatureName, string WhatItWillDo) : ICardData
{
    public static string CardName => "coming-soon";
}
