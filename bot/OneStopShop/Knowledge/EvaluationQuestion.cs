using System.Text.Json.Serialization;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>One question of an evaluation set, with what a good answer is.</summary>
/// <param name="Expected">Article ids that answer the question (any of them counts); empty for escalations.</param>
/// <param name="Kind">null for an article question, "escalate" when the bot should say it is not sure, "person" for a who-question.</param>
public sealed record EvaluationQuestion(
    [property: JsonPropertyName("question")] string Question,
    [property: JsonPropertyName("expected")] IReadOnlyList<string>? Expected,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("expectedPerson")] string? ExpectedPerson)
{
    public bool IsEscalation => Kind == "escalate";

    public bool IsPerson => Kind == "person";
}
