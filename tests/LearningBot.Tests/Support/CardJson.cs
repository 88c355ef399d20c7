using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Tests.Support;

/// <summary>
/// Reading Adaptive Cards (or any JSON tree) in tests: every object in it, elements by id, Action.Execute buttons by
/// verb or title, the words it shows, and the card out of a sent activity or an invoke answer. The content types are
/// spelled out as Teams sends them, not taken from the bot.
/// </summary>
public static class CardJson
{
    public const string AdaptiveCardType = "application/vnd.microsoft.card.adaptive";

    public const string MessageType = "application/vnd.microsoft.activity.message";

    public const string ExecuteAction = "Action.Execute";

    private static readonly JsonSerializerOptions ReadableOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Every object in the tree, the node itself first, in document order.</summary>
    public static IEnumerable<JsonObject> Descendants(JsonNode? node) => Walk(node).Select(o => o.Node);

    /// <summary>
    /// Every object in the tree in document order, with its path (<c>$.body[0].items[1]</c>) and the type of the
    /// element that holds it (e.g. <c>ActionSet</c> for a button inside one).
    /// </summary>
    public static IEnumerable<(string Path, JsonObject Node, string? Container)> Walk(JsonNode? node, string path = "$", string? container = null)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return (path, obj, container);
                foreach (var (key, value) in obj)
                {
                    foreach (var inner in Walk(value, $"{path}.{key}", Type(obj)))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var inner in Walk(array[i], $"{path}[{i}]", container))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    /// <summary>The element's <c>type</c> when it is a string, otherwise null.</summary>
    public static string? Type(JsonObject node) =>
        node["type"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The one element with this <c>id</c>; fails with the card when there is none or more than one.</summary>
    public static JsonObject ById(JsonNode? card, string id) =>
        Single(Descendants(card).Where(n => StringOf(n, "id") == id), card, $"element with id '{id}'");

    public static bool HasId(JsonNode? card, string id) => Descendants(card).Any(n => StringOf(n, "id") == id);

    /// <summary>The first element of this type (e.g. <c>Input.Text</c>, <c>Action.ShowCard</c>).</summary>
    public static JsonObject FirstOfType(JsonNode? card, string type) =>
        Descendants(card).FirstOrDefault(n => Type(n) == type)
        ?? throw new InvalidOperationException($"No {type} on the card: {card?.ToJsonString()}");

    /// <summary>The card's Action.Execute buttons in document order, only those with <paramref name="verb"/> when given.</summary>
    public static IReadOnlyList<JsonObject> Actions(JsonNode? card, string? verb = null) =>
        [.. Descendants(card).Where(n => Type(n) == ExecuteAction && (verb is null || StringOf(n, "verb") == verb))];

    /// <summary>The verbs of the card's Action.Execute buttons, in document order.</summary>
    public static IReadOnlyList<string> Verbs(JsonNode? card) => [.. Actions(card).Select(a => StringOf(a, "verb")!)];

    /// <summary>The one Action.Execute button with this verb.</summary>
    public static JsonObject ActionByVerb(JsonNode? card, string verb) =>
        Single(Actions(card, verb), card, $"button with verb '{verb}'");

    /// <summary>The first Action.Execute button with this title, or null.</summary>
    public static JsonObject? ActionByTitle(JsonNode? card, string title) =>
        Actions(card).FirstOrDefault(a => StringOf(a, "title") == title);

    /// <summary>Every string value in the tree, in document order.</summary>
    public static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(p => Strings(p.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        _ => [],
    };

    /// <summary>Every string in a card, unescaped, one per line: what a reader sees (plus ids and verbs).</summary>
    public static string Texts(JsonNode? card) => string.Join('\n', Strings(card));

    /// <summary>What an activity shows: the strings of its cards, or its text when it has none.</summary>
    public static string Texts(LearningBot.Connector.Schema.Activity activity) =>
        activity.Attachments is { Count: > 0 } attachments
            ? string.Join('\n', attachments.Select(a => Texts(a.Content)))
            : activity.Text ?? string.Empty;

    /// <summary>The card's JSON with apostrophes, ampersands and the like left readable, for text assertions.</summary>
    public static string Readable(JsonNode card) => card.ToJsonString(ReadableOptions);

    /// <summary>The one Adaptive Card attached to an activity the bot sent (a copy, safe to change).</summary>
    public static JsonObject Of(SentActivity sent) => Of(sent.Activity);

    public static JsonObject Of(LearningBot.Connector.Schema.Activity activity)
    {
        var attachment = Assert.Single(activity.Attachments ?? []);
        Assert.Equal(AdaptiveCardType, attachment.ContentType);
        return JsonNode.Parse(attachment.Content!.ToJsonString())!.AsObject();
    }

    /// <summary>The card an invoke answered with (<c>{statusCode, type, value}</c>); fails when it answered otherwise.</summary>
    public static JsonObject FromInvoke(JsonObject invokeBody)
    {
        Assert.True(invokeBody["type"]?.GetValue<string>() == AdaptiveCardType, $"Expected a card, got {invokeBody.ToJsonString()}");
        return invokeBody["value"]!.AsObject();
    }

    /// <summary>The text an invoke answered with instead of a card.</summary>
    public static string MessageFromInvoke(JsonObject invokeBody)
    {
        Assert.Equal(MessageType, invokeBody["type"]?.GetValue<string>());
        return invokeBody["value"]!.GetValue<string>();
    }

    private static string? StringOf(JsonObject node, string name) =>
        node[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static JsonObject Single(IEnumerable<JsonObject> matches, JsonNode? card, string what)
    {
        var found = matches.Take(2).ToList();
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"Expected one {what}, found {(found.Count == 0 ? "none" : "several")}: {card?.ToJsonString()}");
    }
}
