namespace LearningBot.GoodPractice.Finding;

/// <summary>The verbs for finding examples and turning compliments into drafts.</summary>
public static class FindingVerbs
{
    /// <summary>Searches approved examples (data <c>words</c>, or the card's <c>topic</c> input).</summary>
    public const string Find = "practice.find";

    /// <summary>Shows an approved example in full, read-only (data <c>exampleId</c>, optional <c>words</c> to go back to).</summary>
    public const string Show = "practice.show";

    /// <summary>How to reach the people behind an approved example (data <c>exampleId</c>).</summary>
    public const string ContactAuthor = "practice.contact-author";

    /// <summary>A good-practice editor turns a suggested compliment into a draft example (data <c>signalId</c>).</summary>
    public const string DraftFromCompliment = "practice.draft-from-compliment";

    /// <summary>Typed: "good practice about falls", "examples of good practice for handover", "practice examples dementia"; alone, asks which topic.</summary>
    public static readonly string[] Commands =
    [
        "good practice", "good practice about", "good practice on", "good practice for",
        "good practice examples", "good practice examples about", "good practice examples on", "good practice examples for",
        "examples of good practice", "examples of good practice about", "examples of good practice on", "examples of good practice for",
        "practice examples", "practice examples about", "practice examples on", "practice examples for",
    ];
}
