using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Bench;

/// <summary>Reading the bot's announcement preview, for the benches that send announcements as a person would.</summary>
internal static class AnnouncementPreview
{
    /// <summary>The <c>draftId</c> in the data of the preview card's Send action, wherever the card puts it.</summary>
    public static string? FindDraftId(string body)
    {
        try
        {
            return Find(JsonNode.Parse(body));
        }
        catch (JsonException)
        {
            return null;
        }

        static string? Find(JsonNode? node) => node switch
        {
            JsonObject o when o["draftId"] is JsonValue v && v.TryGetValue<string>(out var id) => id,
            JsonObject o => o.Select(p => Find(p.Value)).FirstOrDefault(found => found is not null),
            JsonArray a => a.Select(Find).FirstOrDefault(found => found is not null),
            _ => null,
        };
    }
}
