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

    /// <summary>
    /// A value of the kind our cards send for <paramref name="key"/> (a flag, a page, a date, an id of the shape the bot
    /// makes), naming no record: what gets a press past a handler's first checks.
    /// </summary>
    public static JsonNode Plausible(string key) => key switch
    {
        "page" or "version" or "revision" or "bodyVersion" or "copies" or "placesLeft" or "number" => 1,
        "clientToken" or "formToken" or "formId" or "etag" => Guid.NewGuid().ToString("N"),
        "addToKnowledgeBase" or "consent" or "everyone" or "forVolunteers" or "helpful" or "agree" or "signedOnPaper" or "isDraft" or "isNew"
            or "guided" or "attribution" => "true",
        "date" or "heldOn" or "starts" or "byWhen" or "nextReview" or "reviewBy" or "when" => CardDates.DaysFromToday(6),
        "ends" => CardDates.DaysFromToday(7),
        "month" or "slipMonth" => "2026-12",
        "time" => "10:00",
        "quarter" => "2026-Q4",
        "rating" => "helpful",
        "bookingEmail" => "bookings@example.org",
        "bookingPhone" => "0113 496 0000",
        "bookingUrl" or "link" => "https://example.org/learning",
        _ when IsId(key) => Guid.NewGuid().ToString("N"),
        _ => "Checked with the team and agreed",
    };

    /// <summary>Whether the key carries an id or a person's key, by its name.</summary>
    public static bool IsId(string key) =>
        key.EndsWith("Id", StringComparison.Ordinal) || key.EndsWith("Key", StringComparison.Ordinal)
        || key is "id" or "person" or "lead" or "owner" or "manager" or "givenBy" or "receivedBy" or "related";

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
