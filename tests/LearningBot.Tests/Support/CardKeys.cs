using System.Text.Json.Nodes;

namespace LearningBot.Tests.Support;

/// <summary>
/// Every input id and <c>data</c> key the cards in <c>cards/</c> use (template expressions left out), read once: what a
/// card action can carry, for tests that press buttons with data of their own making.
/// </summary>
public static class CardKeys
{
    private static readonly Lazy<IReadOnlyList<string>> Keys = new(() =>
    [
        .. Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "cards"), "*.json")
            .Where(file => !file.EndsWith(".data.json", StringComparison.Ordinal))
            .SelectMany(file => CardJson.Descendants(JsonNode.Parse(File.ReadAllText(file))))
            .SelectMany(KeysOf)
            .Where(key => !key.Contains('$', StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ]);

    /// <summary>The keys, each once, in ordinal order.</summary>
    public static IReadOnlyList<string> All => Keys.Value;

    private static IEnumerable<string> KeysOf(JsonObject node)
    {
        if (CardJson.Type(node) is { } type && type.StartsWith("Input.", StringComparison.Ordinal) && node["id"] is JsonValue id)
        {
            yield return id.ToString();
        }

        if (node["data"] is JsonObject data)
        {
            foreach (var (key, _) in data)
            {
                yield return key;
            }
        }
    }
}
