using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector;
using LearningBot.Connector.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LearningBot.Cards;

/// <summary>
/// Every card template in the cards folder (each <c>*.json</c> except <c>*.data.json</c> sample data),
/// compiled at start-up so a bad template stops the bot before anyone sees it.
/// </summary>
public sealed class CardCatalog
{
    public const string AdaptiveCardContentType = Attachment.AdaptiveCardContentType;

    private const string SampleDataSuffix = ".data.json";

    private readonly FrozenDictionary<string, CardTemplate> templates;

    public CardCatalog(IOptions<CardsOptions> options, ILogger<CardCatalog> logger)
        : this(LoadTemplates(options.Value.Directory))
    {
        logger.LogInformation("Loaded {CardCount} card templates from {CardDirectory}: {CardNames}",
            templates.Count, options.Value.Directory, string.Join(", ", Names));
    }

    private CardCatalog(IEnumerable<CardTemplate> loaded)
    {
        templates = loaded.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The loaded card names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. templates.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Loads every template in <paramref name="directory"/>.</summary>
    /// <exception cref="CardTemplateException">A template is malformed or uses unsupported templating.</exception>
    public static CardCatalog Load(string directory) => new(LoadTemplates(directory));

    /// <summary>The template files in <paramref name="directory"/>, sample data excluded.</summary>
    public static IReadOnlyList<string> TemplateFiles(string directory) =>
        [.. System.IO.Directory.EnumerateFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
            .Where(path => !path.EndsWith(SampleDataSuffix, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)];

    /// <summary>The sample-data file that sits beside a template.</summary>
    public static string SampleDataFile(string templateFile) =>
        Path.Combine(Path.GetDirectoryName(templateFile) ?? ".", Path.GetFileNameWithoutExtension(templateFile) + SampleDataSuffix);

    public CardTemplate Get(string cardName) =>
        templates.TryGetValue(cardName, out var template)
            ? template
            : throw new KeyNotFoundException($"There is no card template named '{cardName}'. Known cards: {string.Join(", ", Names)}.");

    /// <summary>Binds a typed record (serialized camelCase, nulls left out) into the named card.</summary>
    public JsonObject Render<TData>(string cardName, TData data)
    {
        // The data is read from its JSON (in pooled memory, returned when the card is bound), never built into nodes.
        using var json = JsonSerializer.SerializeToDocument(data, BotJson.Options);
        return Get(cardName).Bind(json.RootElement);
    }

    /// <summary>Binds a typed record into the card it belongs to.</summary>
    public JsonObject Render<TData>(TData data)
        where TData : ICardData =>
        Render(TData.CardName, data);

    /// <summary>
    /// Binds a typed record into its card, kept as the bound JSON (<see cref="CardTemplate.BindJson"/>): for a card that
    /// is only sent, it saves reading the card back into nodes.
    /// </summary>
    public JsonNode RenderJson<TData>(TData data)
        where TData : ICardData =>
        RenderJson(TData.CardName, data);

    /// <summary>Binds a typed record into the named card, kept as the bound JSON (see <see cref="RenderJson{TData}(TData)"/>).</summary>
    public JsonNode RenderJson<TData>(string cardName, TData data)
    {
        using var json = JsonSerializer.SerializeToDocument(data, BotJson.Options);
        return Get(cardName).BindJson(json.RootElement);
    }

    /// <summary>Binds a typed record into its card and wraps it as a message attachment.</summary>
    public Attachment RenderAttachment<TData>(TData data)
        where TData : ICardData =>
        ToAttachment(Render(data));

    /// <summary>Wraps a bound card as an Adaptive Card attachment.</summary>
    public static Attachment ToAttachment(JsonObject card) => Attachment.AdaptiveCard(card);

    private static List<CardTemplate> LoadTemplates(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The card template folder '{directory}' does not exist.");
        }

        return [.. TemplateFiles(directory).Select(CardTemplate.Load)];
    }
}
