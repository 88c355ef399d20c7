using LearningBot.Cards;

namespace LearningBot.Welcome;

/// <summary>A capability on the welcome menu that is not built yet: its button answers "coming soon".</summary>
/// <param name="WhatItWillDo">Ends the sentence "When it's ready, it will let you …".</param>
public sealed record PlannedFeature(string Verb, string Name, string WhatItWillDo);

/// <summary>Remove a line here when its capability's folder starts answering the verb.</summary>
public static class PlannedFeatures
{
    public static IReadOnlyList<PlannedFeature> All { get; } =
    [
        new(CardVerbs.SignalStart, "Record a feedback signal",
            "log what patients and service users say about staff skills, without any personal details, so the right clinical or occupational lead hears about it."),
        new(CardVerbs.PracticeShare, "Share good practice",
            "share an example of something that works well; once the L&D team has checked it, the leads it matters to will see it."),
        new(CardVerbs.DigestLatest, "Latest digest",
            "read the latest learning newsletter here, and print a copy for colleagues who do not use a computer at work."),
    ];
}
