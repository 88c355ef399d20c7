namespace LearningBot.Welcome;

/// <summary>
/// A capability on the welcome menu that is not built yet: its button, and its typed commands (the ones the Teams
/// command menu offers among them), answer "coming soon".
/// </summary>
/// <param name="Commands">What people type for it, matched like every other command.</param>
/// <param name="WhatItWillDo">Ends the sentence "When it's ready, it will let you …".</param>
public sealed record PlannedFeature(string Verb, IReadOnlyList<string> Commands, string Name, string WhatItWillDo);
