using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;

namespace LearningBot.Cards;

/// <summary>
/// Server-side checking of a card submission against the rules the card declares (<c>isRequired</c>,
/// <c>maxLength</c>, <c>regex</c>, <c>min</c>/<c>max</c>, choice values), for when a client skips its own
/// checks (older clients using the <c>Action.Submit</c> fallback, or a crafted request).
/// </summary>
public static partial class CardSubmission
{
    /// <summary>
    /// Null when the submission passes every rule of the card it came from; otherwise the answer to send back: the
    /// same card with the values kept and each problem marked under its input.
    /// </summary>
    /// <param name="requireAnswers">
    /// False for a press that keeps half-finished answers (Back, Pause): limits are checked but <c>isRequired</c> is not,
    /// and the card comes back with its required inputs still marked as required.
    /// </param>
    /// <param name="alsoWrong">
    /// Problems the card's own rules cannot express, found by the caller. One problem is shown per input; the card's own
    /// rule comes first.
    /// </param>
    public static CardActionResult? Refusal(JsonObject card, JsonObject submitted, bool requireAnswers = true, IEnumerable<CardInputProblem>? alsoWrong = null)
    {
        IReadOnlyList<CardInputProblem> problems = [.. Validate(card, submitted, requireAnswers).Concat(alsoWrong ?? []).DistinctBy(p => p.InputId)];
        return problems.Count == 0 ? null : CardActionResult.Replace(WithProblemsMarked(card, submitted, problems));
    }

    /// <summary>Checks every input in the bound card against the submitted values (without <c>isRequired</c> when <paramref name="requireAnswers"/> is false).</summary>
    /// <remarks>The card is read from its JSON (pooled, returned at the end): a bound card is not taken apart into nodes to be checked.</remarks>
    public static IReadOnlyList<CardInputProblem> Validate(JsonObject card, JsonObject submitted, bool requireAnswers = true)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(submitted);
        using var json = JsonSerializer.SerializeToDocument(card);
        var inputs = new List<JsonElement>();
        CollectInputs(json.RootElement, inputs);
        var problems = new List<CardInputProblem>();
        foreach (var input in inputs)
        {
            if (StringOf(input, "id") is not { } id)
            {
                continue;
            }

            if (!IsReadable(StringOf(input, "type"), submitted[id]))
            {
                problems.Add(new CardInputProblem(id, UnreadableAnswer, UnreadableAnswer));
                continue;
            }

            var value = Text(submitted[id]);
            if (Check(input, value, requireAnswers) is { } problem)
            {
                var message = StringOf(input, "errorMessage") is { Length: > 0 } custom ? custom : problem;
                problems.Add(new CardInputProblem(id, problem, message));
            }
        }

        return problems;
    }

    /// <summary>
    /// The card again, with the submitted values kept and each problem written beneath its input (in words, with
    /// the attention colour only as emphasis) plus a line at the top saying how many answers need another look.
    /// </summary>
    public static JsonObject WithProblemsMarked(JsonObject card, JsonObject submitted, IReadOnlyList<CardInputProblem> problems)
    {
        var result = card.DeepClone().AsObject();
        var byId = problems.ToDictionary(p => p.InputId, StringComparer.Ordinal);
        foreach (var (input, parent) in Inputs(result))
        {
            var id = input["id"]?.GetValue<string>();
            if (id is null)
            {
                continue;
            }

            KeepValue(input, submitted[id]);
            if (byId.TryGetValue(id, out var problem))
            {
                parent.Insert(parent.IndexOf(input) + 1, ProblemText(problem.Message, $"{id}-problem"));
            }
        }

        if (problems.Count > 0 && result["body"] is JsonArray body)
        {
            var summary = problems.Count == 1
                ? "Please check the answer marked below."
                : $"Please check the {problems.Count} answers marked below.";
            body.Insert(0, ProblemText(summary, "form-problems"));
        }

        return result;
    }

    /// <summary>
    /// Teams sends every input's value as a string (an Input.Number's may come as a number): anything else did not come
    /// from the card, and is marked rather than read as the text of its JSON.
    /// </summary>
    private static bool IsReadable(string? inputType, JsonNode? submitted) => submitted switch
    {
        null => true,
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => true,
            JsonValueKind.Number => inputType == "Input.Number",
            _ => false,
        },
        _ => false,
    };

    private const string UnreadableAnswer = "This answer could not be read. Please enter it again.";

    private static void KeepValue(JsonObject input, JsonNode? submitted)
    {
        if (submitted is null)
        {
            return;
        }

        var type = input["type"]?.GetValue<string>();
        if (!IsReadable(type, submitted))
        {
            input.Remove("value");
            return;
        }

        var text = Text(submitted);
        if (type == "Input.Number")
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            {
                input["value"] = number;
            }
            else
            {
                input.Remove("value");
            }

            return;
        }

        input["value"] = text;
    }

    private static JsonObject ProblemText(string message, string id) => new()
    {
        ["type"] = "TextBlock",
        ["id"] = id,
        ["text"] = message,
        ["color"] = "attention",
        ["weight"] = "Bolder",
        ["spacing"] = "Small",
        ["wrap"] = true,
    };

    /// <summary>Every input in the card (also inside containers, columns and show-card actions), with the list holding it.</summary>
    private static List<(JsonObject Input, JsonArray Parent)> Inputs(JsonNode? node)
    {
        var found = new List<(JsonObject Input, JsonArray Parent)>();
        CollectInputs(node, found);
        return found;
    }

    // A plain recursive walk into one list: a card has hundreds of nodes, and an iterator per node cost more than the check.
    private static void CollectInputs(JsonNode? node, List<(JsonObject Input, JsonArray Parent)> found)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    if (value is JsonObject or JsonArray)
                    {
                        CollectInputs(value, found);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonObject item)
                    {
                        continue;
                    }

                    if (item["type"] is JsonValue type && IsInputType(type))
                    {
                        found.Add((item, array));
                    }

                    CollectInputs(item, found);
                }

                break;
        }
    }

    /// <summary>Every input of a card read as JSON, in document order (an input before the inputs inside it).</summary>
    private static void CollectInputs(JsonElement node, List<JsonElement> found)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in node.EnumerateObject())
                {
                    if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                    {
                        CollectInputs(property.Value, found);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    if (item.TryGetProperty("type", out var type) && IsInputType(type))
                    {
                        found.Add(item);
                    }

                    CollectInputs(item, found);
                }

                break;
        }
    }

    /// <summary>Whether a value is an input's type (<c>Input.…</c>), read from the card's own bytes.</summary>
    private static bool IsInputType(JsonElement type)
    {
        if (type.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        // The raw value is the quoted JSON string; one with escapes in it is read as a string instead.
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(type);
        return raw.Contains((byte)'\\')
            ? type.GetString()!.StartsWith("Input.", StringComparison.Ordinal)
            : raw[1..].StartsWith("Input."u8);
    }

    private static bool IsInputType(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal);

    private static string? StringOf(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Text(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) ? Text(value) : string.Empty;

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => Templating.JsValues.FormatNumber(value.GetDouble()),
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        _ => value.GetRawText(),
    };

    private static double? Number(JsonElement input, string name) =>
        input.TryGetProperty(name, out var value) && double.TryParse(Text(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string Text(JsonNode? node) => node switch
    {
        null => string.Empty,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when Templating.JsValues.FromNode(v) is double number => Templating.JsValues.FormatNumber(number),
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static string Format(double value) => Templating.JsValues.FormatNumber(value);
}
