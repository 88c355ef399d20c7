using System.Text.Json.Nodes;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// The <c>refresh</c> of an Adaptive Card (Universal Actions, schema 1.4 and later):
/// <c>{ "action": { "type": "Action.Execute", "verb", "data" }, "userIds": [ … ] }</c>. When the card is shown to one
/// of the people in <c>userIds</c> (their Teams user ids, the MRIs <c>29:…</c> or <c>8:orgid:…</c>), Teams sends the bot
/// an <c>adaptiveCard/action</c> invoke for <c>verb</c> with <c>trigger</c> <c>automatic</c>, and shows that person the
/// card the bot answers with: their own view of a card everyone else sees as the message has it. Teams refreshes again
/// when the message is edited, and at most once a minute otherwise. At most <see cref="MaxUserIds"/> people.
/// </summary>
public static class CardRefresh
{
    /// <summary>Teams gives at most 60 people their own view of one card.</summary>
    public const int MaxUserIds = 60;

    /// <summary>The invoke value's <c>trigger</c> for a refresh; a press is <c>manual</c>.</summary>
    public const string AutomaticTrigger = "automatic";

    /// <summary>
    /// Gives <paramref name="card"/> a refresh that asks for <paramref name="verb"/> with <paramref name="data"/> for
    /// <paramref name="userIds"/>, and returns the card. Ids that are not Teams user ids are left out, as are repeats;
    /// of more than <see cref="MaxUserIds"/>, the last are kept (the latest to join the card, as Teams advises). With no
    /// id left the card is returned without a refresh: an empty list would offer everyone a manual refresh instead.
    /// </summary>
    public static JsonObject WithRefresh(this JsonObject card, string verb, JsonObject data, IEnumerable<string?> userIds)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(verb);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(userIds);
        if (!SupportsRefresh(card))
        {
            throw new ArgumentException("A card needs schema version 1.4 or later for a refresh.", nameof(card));
        }

        var ids = userIds.OfType<string>().Where(IsTeamsUserId).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            card.Remove("refresh");
            return card;
        }

        card["refresh"] = new JsonObject
        {
            ["action"] = new JsonObject
            {
                ["type"] = "Action.Execute",
                ["verb"] = verb,
                ["data"] = data.DeepClone(),
            },
            ["userIds"] = new JsonArray([.. ids.Skip(Math.Max(0, ids.Count - MaxUserIds)).Select(id => (JsonNode)id)]),
        };
        return card;
    }

    /// <summary>A Teams user's MRI: <c>29:</c> (a user of the bot's tenant or a guest) or <c>8:orgid:</c>.</summary>
    public static bool IsTeamsUserId(string? id) =>
        id is { Length: > 3 }
        && (id.StartsWith("29:", StringComparison.Ordinal) || id.StartsWith("8:orgid:", StringComparison.Ordinal))
        && !id.Any(char.IsWhiteSpace);

    private static bool SupportsRefresh(JsonObject card) =>
        card["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "AdaptiveCard"
        && card["version"] is JsonValue value && value.TryGetValue<string>(out var text)
        && Version.TryParse(text, out var version) && version >= new Version(1, 4);
}
