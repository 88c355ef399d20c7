using System.Text.Json.Serialization;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>
/// Where to go with a question that is not about learning (bullying, pay, rotas, IT, safeguarding, incidents): the
/// L&amp;D team's own words in <c>knowledge/signposts.json</c>, shown as a short card instead of an answer.
/// </summary>
/// <param name="Topic">The heading the gaps report counts it under.</param>
/// <param name="Urgent">Safeguarding and incidents: act now, not after a reply.</param>
/// <param name="UrgentLine">The line the card shows first, emphasised, when <paramref name="Urgent"/>.</param>
/// <param name="Triggers">Words or phrases that mark a question as this signpost's; a trailing <c>*</c> matches any ending.</param>
/// <param name="Examples">Questions put the way people put them; a question close in meaning to one is recognised too.</param>
public sealed record Signpost(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("topic")] string Topic,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("urgent")] bool Urgent,
    [property: JsonPropertyName("urgentLine")] string? UrgentLine,
    [property: JsonPropertyName("routes")] IReadOnlyList<SignpostRoute> Routes,
    [property: JsonPropertyName("triggers")] IReadOnlyList<string> Triggers,
    [property: JsonPropertyName("examples")] IReadOnlyList<string> Examples);

/// <summary>One place to go: who, in terms true in any kind of organisation, and what they help with.</summary>
public sealed record SignpostRoute(
    [property: JsonPropertyName("who")] string Who,
    [property: JsonPropertyName("how")] string How);
