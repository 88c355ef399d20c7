using System.Text.Json;
using LearningBot.Calendar;
using LearningBot.Connector.Schema;
using LearningBot.Privacy;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// Whether an invoke's response gives back something the person typed that the scrubber would change (a form returned
/// with its problems marked keeps the values as typed). Such a response is answered but its body is not stored with the
/// claim (<see cref="InboundActivityClaims"/>), since typed text reaches storage only scrubbed; a redelivery to another
/// instance then gets the status without the card.
/// </summary>
internal static class TypedTextEcho
{
    private const int MaxDepth = 8;

    public static bool Holds(Activity activity, InvokeResponse response, DateTimeOffset now)
    {
        if (activity.Value is not { } value || response.Body is null)
        {
            return false;
        }

        var raw = new List<string>();
        CollectScrubbable(value, UkTime.Today(now), raw, depth: 0);
        if (raw.Count == 0)
        {
            return false;
        }

        var body = JsonSerializer.Serialize(response.Body, BotJson.Options);
        return raw.Exists(text => body.Contains(JsonSerializer.Serialize(text, BotJson.Options)[1..^1], StringComparison.Ordinal));
    }

    private static void CollectScrubbable(JsonElement element, DateOnly today, List<string> found, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CollectScrubbable(property.Value, today, found, depth + 1);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectScrubbable(item, today, found, depth + 1);
                }

                break;
            case JsonValueKind.String when element.GetString() is { Length: > 0 } text && PersonalDataScrubber.Scrub(text, today).WasScrubbed:
                found.Add(text.Trim());
                break;
        }
    }
}
