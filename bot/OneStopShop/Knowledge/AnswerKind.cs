namespace LearningBot.OneStopShop.Knowledge;

/// <summary>What kind of reply the one-stop shop can give.</summary>
public enum AnswerKind
{
    /// <summary>A knowledge article answers the question.</summary>
    Article,

    /// <summary>A person (or a network's lead) from the directory answers the question.</summary>
    Person,

    /// <summary>Nothing fits well enough: say so and offer to pass the question to the L&amp;D team.</summary>
    NotSure,
}
