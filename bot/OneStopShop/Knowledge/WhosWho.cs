using System.Text.Json.Serialization;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>The whole who's-who file.</summary>
public sealed record WhosWho(
    [property: JsonPropertyName("note")] string? Note,
    [property: JsonPropertyName("people")] IReadOnlyList<Person> People,
    [property: JsonPropertyName("networks")] IReadOnlyList<LearningNetwork> Networks)
{
    public static WhosWho Empty { get; } = new(null, [], []);
}
