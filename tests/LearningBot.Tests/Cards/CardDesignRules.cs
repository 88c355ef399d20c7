using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Cards;

/// <summary>
/// The rules every product card follows so it works in Teams on phones and in every theme. Each check returns
/// the problems it found (empty when the card complies), as "path: problem".
/// </summary>
internal static partial class CardDesignRules
{
    /// <summary>Teams refuses bot messages near 100 KB counted as UTF-16; we keep cards at or below 80 KB.</summary>
    public const int MaxUtf16Bytes = 80 * 1024;

    public const int MaxActionsPerSet = 6;

    /// <summary>Longer button titles are clipped mid-word in Teams on phones and in narrow windows; the long text goes in the card.</summary>
    public const int MaxActionTitleLength = 26;

    /// <summary>How a label says its input is required (Teams' own asterisk is easy to miss and is not read the same by every screen reader).</summary>
    public const string RequiredMark = "(required)";

    public static int Utf16Size(JsonObject card) => Encoding.Unicode.GetByteCount(card.ToJsonString());

    public static IEnumerable<string> Version(JsonObject card)
    {
        if (card["type"]?.GetValue<string>() != "AdaptiveCard")
        {
            yield return "$.type: must be AdaptiveCard";
        }

        if (card["version"]?.GetValue<string>() != "1.5")
        {
            yield return "$.version: must be 1.5, the highest Teams supports";
        }
    }

    public static IEnumerable<string> Size(JsonObject card)
    {
        var size = Utf16Size(card);
        if (size > MaxUtf16Bytes)
        {
            yield return $"$: {size} bytes as UTF-16, over {MaxUtf16Bytes}";
        }
    }

    public static IEnumerable<string> ActionCounts(JsonObject card) =>
        CardJson.Walk(card).Where(o => o.Node["actions"] is JsonArray { Count: > MaxActionsPerSet })
            .Select(o => $"{o.Path}.actions: {o.Node["actions"]!.AsArray().Count} actions, at most {MaxActionsPerSet}");

    public static IEnumerable<string> PixelSizes(JsonObject card) =>
        CardJson.Walk(card).SelectMany(o => o.Node
            .Where(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String && PixelSize().IsMatch(v.GetValue<string>()))
            .Select(p => $"{o.Path}.{p.Key}: fixed pixel size {p.Value}; use auto, stretch or a relative size"));

    public static IEnumerable<string> TextWraps(JsonObject card) =>
        CardJson.Walk(card).Where(o => CardJson.Type(o.Node) == "TextBlock" && o.Node["wrap"]?.GetValueKind() != JsonValueKind.True)
            .Select(o => $"{o.Path}: TextBlock needs wrap: true");

    /// <summary>
    /// Action.Execute lives in an ActionSet (or is what selecting an element does), has a verb, and falls back to an
    /// Action.Submit carrying the same verb and data.
    /// </summary>
    public static IEnumerable<string> ExecuteActions(JsonObject card)
    {
        foreach (var (path, action, container) in CardJson.Walk(card))
        {
            if (CardJson.Type(action) != "Action.Execute")
            {
                continue;
            }

            if (container != "ActionSet" && !IsSelectAction(path))
            {
                yield return $"{path}: Action.Execute must sit inside an ActionSet or be an element's selectAction";
            }

            var verb = action["verb"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(verb))
            {
                yield return $"{path}: Action.Execute needs a verb";
            }

            if (action["fallback"] is not JsonObject fallback || CardJson.Type(fallback) != "Action.Submit")
            {
                yield return $"{path}: Action.Execute needs a fallback Action.Submit for older clients";
                continue;
            }

            var fallbackData = fallback["data"] as JsonObject;
            if (fallbackData?["verb"]?.GetValue<string>() != verb)
            {
                yield return $"{path}.fallback: data.verb must be '{verb}'";
            }

            foreach (var (key, value) in action["data"] as JsonObject ?? [])
            {
                if (fallbackData is null || !JsonNode.DeepEquals(fallbackData[key], value))
                {
                    yield return $"{path}.fallback: data.{key} must match the Action.Execute data";
                }
            }

            if (fallback["title"]?.GetValue<string>() != action["title"]?.GetValue<string>())
            {
                yield return $"{path}.fallback: title must match";
            }
        }
    }

    public static IEnumerable<string> SubmitVerbs(JsonObject card) =>
        CardJson.Walk(card).Where(o => CardJson.Type(o.Node) == "Action.Submit" && string.IsNullOrWhiteSpace(o.Node["data"]?["verb"]?.GetValue<string>()))
            .Select(o => $"{o.Path}: Action.Submit needs data.verb so the router can route it");

    public static IEnumerable<string> Inputs(JsonObject card)
    {
        foreach (var (path, input, _) in CardJson.Walk(card).Where(o => CardJson.Type(o.Node)?.StartsWith("Input.", StringComparison.Ordinal) == true))
        {
            if (string.IsNullOrWhiteSpace(input["id"]?.GetValue<string>()))
            {
                yield return $"{path}: input needs an id";
            }

            if (string.IsNullOrWhiteSpace(input["label"]?.GetValue<string>()))
            {
                yield return $"{path}: input needs a label for screen readers and small screens";
            }

            if (input["isRequired"]?.GetValueKind() == JsonValueKind.True && string.IsNullOrWhiteSpace(input["errorMessage"]?.GetValue<string>()))
            {
                yield return $"{path}: required input needs an errorMessage";
            }
        }
    }

    /// <summary>
    /// Checked on the template: the words a title is written with, its <c>${...}</c> values left out (the bound titles
    /// are checked by <see cref="BoundActionTitles"/>).
    /// </summary>
    public static IEnumerable<string> ActionTitles(JsonObject template) =>
        CardJson.Walk(template)
            .Where(o => CardJson.Type(o.Node)?.StartsWith("Action.", StringComparison.Ordinal) == true
                && o.Node["title"] is JsonValue title && title.GetValueKind() == JsonValueKind.String
                && TemplateValue().Replace(title.GetValue<string>(), string.Empty).Length > MaxActionTitleLength)
            .Select(o => $"{o.Path}: title \"{o.Node["title"]}\" is over {MaxActionTitleLength} characters; shorten it and put the long text in the card");

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex TemplateValue();

    /// <summary>
    /// Checked on a bound card: every button's title as shown, values included, fits on one line. An element's
    /// <c>selectAction</c> is no button: its title is only the element's accessible name, so the element must show the
    /// same words itself, in a TextBlock that wraps.
    /// </summary>
    public static IEnumerable<string> BoundActionTitles(JsonObject card)
    {
        foreach (var (path, node, _) in CardJson.Walk(card))
        {
            if (CardJson.Type(node)?.StartsWith("Action.", StringComparison.Ordinal) == true && !IsSelectAction(path)
                && node["title"] is JsonValue title && title.GetValueKind() == JsonValueKind.String && title.GetValue<string>() is { Length: > MaxActionTitleLength } words)
            {
                yield return $"{path}: title \"{words}\" is {words.Length} characters, over {MaxActionTitleLength}; make the title short and put the long text in the card";
            }
        }

        foreach (var (path, node, _) in CardJson.Walk(card))
        {
            if (node["selectAction"] is not JsonObject select)
            {
                continue;
            }

            var name = select["title"]?.GetValue<string>();
            if (string.IsNullOrWhiteSpace(name))
            {
                yield return $"{path}.selectAction: needs a title, the element's name for screen readers";
            }
            else if (!CardJson.Walk(node).Any(o => o.Node != node && CardJson.Type(o.Node) == "TextBlock"
                && o.Node["wrap"]?.GetValueKind() == JsonValueKind.True && o.Node["text"]?.GetValue<string>().Replace("\\", string.Empty, StringComparison.Ordinal) == name))
            {
                yield return $"{path}: shows no wrapped TextBlock saying \"{name}\", the title of its selectAction";
            }
        }
    }

    /// <summary>An element's selectAction, or the fallback of one.</summary>
    private static bool IsSelectAction(string path) =>
        path.EndsWith(".selectAction", StringComparison.Ordinal) || path.EndsWith(".selectAction.fallback", StringComparison.Ordinal);

    public static IEnumerable<string> RequiredLabels(JsonObject card) =>
        CardJson.Walk(card)
            .Where(o => CardJson.Type(o.Node)?.StartsWith("Input.", StringComparison.Ordinal) == true
                && o.Node["isRequired"]?.GetValueKind() == JsonValueKind.True
                && o.Node["label"]?.GetValue<string>().Contains(RequiredMark, StringComparison.Ordinal) != true)
            .Select(o => $"{o.Path}: required input's label \"{o.Node["label"]}\" must say {RequiredMark}");

    /// <summary>Colour only ever reinforces text, and Teams-unsupported styling is absent.</summary>
    public static IEnumerable<string> ThemeSafety(JsonObject card)
    {
        foreach (var (path, node, _) in CardJson.Walk(card))
        {
            var type = CardJson.Type(node);
            if (node.ContainsKey("color") && (type != "TextBlock" || string.IsNullOrWhiteSpace(node["text"]?.GetValue<string>())))
            {
                yield return $"{path}: colour must sit on a TextBlock whose words carry the meaning";
            }

            if (type?.StartsWith("Action.", StringComparison.Ordinal) == true && node["style"]?.GetValue<string>() is "positive" or "destructive")
            {
                yield return $"{path}: Teams ignores positive/destructive action styles";
            }

            if (type == "Image" && string.IsNullOrWhiteSpace(node["altText"]?.GetValue<string>()))
            {
                yield return $"{path}: images need altText";
            }

            if (type == "Media")
            {
                yield return $"{path}: Teams does not support Media";
            }
        }
    }

    [GeneratedRegex(@"^\s*\d+(\.\d+)?\s*px\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex PixelSize();
}
