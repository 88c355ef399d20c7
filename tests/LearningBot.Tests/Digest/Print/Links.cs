using System.Text.Json.Nodes;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Digest.Print;

/// <summary>The card's Action.OpenUrl buttons.</summary>
public static class Links
{
    /// <summary>The address the first Action.OpenUrl button with this title opens, or null.</summary>
    public static JsonObject? OpenUrl(JsonNode? card, string title) =>
        CardJson.Descendants(card).FirstOrDefault(n => CardJson.Type(n) == "Action.OpenUrl" && n["title"]?.GetValue<string>() == title);
}
