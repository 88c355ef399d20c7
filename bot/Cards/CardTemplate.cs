using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards.Templating;

namespace LearningBot.Cards;

/// <summary>
/// An Adaptive Card template (the Adaptive Card Templating language), compiled once and bound many times.
/// Supported: <c>${path}</c> with nested properties, <c>[n]</c> indexes, <c>$root</c>, <c>$data</c>, <c>$index</c>;
/// <c>$data</c> repetition and scoping; <c>$when</c>; <c>!</c>, <c>&amp;&amp;</c>, <c>||</c>, comparisons,
/// <c>empty()</c>, <c>count()</c>; expressions inside longer text. Anything else throws
/// <see cref="CardTemplateException"/> when the template is loaded.
/// </summary>
public sealed class CardTemplate
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private readonly TemplateNode root;
    private readonly BindContext context;

    private CardTemplate(string name, TemplateNode root)
    {
        Name = name;
        this.root = root;
        context = new BindContext(name);
    }

    /// <summary>The card's name: its file name without <c>.json</c>.</summary>
    public string Name { get; }

    /// <summary>Compiles template JSON text.</summary>
    /// <exception cref="CardTemplateException">The JSON is malformed or uses unsupported templating.</exception>
    public static CardTemplate Parse(string name, string json)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new CardTemplateException(name, $"the file is not valid JSON ({ex.Message})", ex);
        }

        if (parsed is not JsonObject card)
        {
            throw new CardTemplateException(name, null, "a card template must be a JSON object");
        }

        return new CardTemplate(name, new TemplateCompiler(name).CompileRoot(card));
    }

    /// <summary>Loads and compiles a template file; its name is the file name without <c>.json</c>.</summary>
    public static CardTemplate Load(string path) =>
        Parse(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path));

    /// <summary>Binds data into the template, like the reference library's <c>expand({ $root: data })</c>.</summary>
    /// <exception cref="CardBindingException">The data lacks a value the card shows, or a value cannot be shown as text.</exception>
    /// <remarks>
    /// The card is written as JSON, then read back as a node that is only taken apart if someone looks inside it: sent
    /// as it is, it is written out from those bytes, and none of the template's parts are copied node by node.
    /// </remarks>
    public JsonObject Bind(JsonNode? data)
    {
        using var document = JsonSerializer.SerializeToDocument(data);
        return Bind(document.RootElement);
    }

    /// <inheritdoc cref="Bind(JsonNode?)"/>
    public JsonObject Bind(JsonElement data) =>
        CardWriting.Write((this, data), static (writer, state) => state.Item1.WriteTo(writer, state.data), static json => JsonNode.Parse(json)!.AsObject());

    /// <summary>
    /// Binds data into the template and keeps the card as JSON: a node that is sent as those bytes
    /// (<see cref="Connector.Schema.RawJson"/>), for cards that are only sent, never looked into by the bot.
    /// </summary>
    /// <inheritdoc cref="Bind(JsonNode?)" path="/exception"/>
    public JsonNode BindJson(JsonNode? data)
    {
        using var document = JsonSerializer.SerializeToDocument(data);
        return BindJson(document.RootElement);
    }

    /// <inheritdoc cref="BindJson(JsonNode?)"/>
    public JsonNode BindJson(JsonElement data) =>
        CardWriting.Write((this, data), static (writer, state) => state.Item1.WriteTo(writer, state.data), static json => Connector.Schema.RawJson.Node(json.ToArray()));

    /// <summary>Binds data into the template and writes the card to <paramref name="writer"/>.</summary>
    /// <inheritdoc cref="Bind(JsonNode?)" path="/exception"/>
    public void WriteTo(Utf8JsonWriter writer, JsonElement data)
    {
        ArgumentNullException.ThrowIfNull(writer);
        root.WriteValue(writer, Scope.For(data), context);
    }
}
