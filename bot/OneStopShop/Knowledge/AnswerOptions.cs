namespace LearningBot.OneStopShop.Knowledge;

/// <summary>Settings of the one-stop shop's answering (configuration section <c>OneStopShop</c>).</summary>
public sealed record AnswerOptions
{
    public const string SectionName = "OneStopShop";

    /// <summary>The knowledge folder (articles/, whos-who.json, synonyms.txt); relative paths start at the content root.</summary>
    public string KnowledgePath { get; init; } = "knowledge";

    /// <summary>Below this an article answer becomes "I'm not sure" (chosen on the evaluation questions).</summary>
    public double ConfidenceThreshold { get; init; } = 0.3;

    /// <summary>Below this a who-question is not answered with a person.</summary>
    public double PersonConfidenceThreshold { get; init; } = 0.6;

    /// <summary>How many articles (and people) to suggest alongside the answer.</summary>
    public int SuggestionCount { get; init; } = 3;

    public RankingOptions Ranking { get; init; } = new();
}
