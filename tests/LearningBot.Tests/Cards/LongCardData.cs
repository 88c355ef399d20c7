using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LearningBot.Digest;
using LearningBot.GoodPractice;
using LearningBot.Leads;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Cards;

/// <summary>
/// A card's sample data with its free text as long as it really gets: the longest article title in the knowledge base,
/// the longest feedback theme, long names. Binding a template with it shows whether a button title that holds a value
/// still fits once the value is long.
/// </summary>
internal static partial class LongCardData
{
    /// <summary>A long full name, as the directory and Teams give them.</summary>
    public const string LongName = "Dr Oluwatobiloba Adeyemi-Fitzgerald";

    /// <summary>A long first name.</summary>
    public const string LongFirstName = "Wilhelmina-Josephine";

    /// <summary>
    /// Data that is already a whole button title, made by the bot from a fixed set or fitted by
    /// <see cref="LearningBot.Cards.ButtonTitle"/>; left as in the sample data.
    /// </summary>
    private static readonly HashSet<string> BotMadeTitles = new(StringComparer.Ordinal)
    {
        "bookTitle",     // CourseWording.BookButton: "Book", "Book by email" or "Book by phone"
        "alertTitle",    // DirectoryCourseAnswers: "Tell me when there's a date" or "Tell me about new dates"
        "confirmTitle",  // DirectoryCards: "Retire" or "Cancel the session"
        "backTitle",     // DirectoryCards: "Keep it"
        "buttonTitle",   // welcome: the standard menu's; review-team: ButtonTitle.WithName
        "notesButton",   // MyReviewsFeature: ButtonTitle.WithName
        "sendTitle",     // ReviewAskCardData: ButtonTitle.WithName
        "askFirstTitle", // ReviewFormCardData: ButtonTitle.WithName
        "printTitle",    // DigestCards: "Print preview" or "Print this edition"
    };

    private static readonly Lazy<Dictionary<string, string>> Values = new(LongValues);

    /// <summary>Values only one card has under a name other cards use for other things.</summary>
    private static readonly Dictionary<(string Card, string Key), string> CardValues = new()
    {
        [("digest-archive", "title")] = new DigestEdition { Number = int.MaxValue }.Title,
    };

    /// <summary>
    /// Checked on the template, so buttons shown only in some states count too: each button title written with values,
    /// the values as long as they get, fits. A title the bot makes whole (<see cref="BotMadeTitles"/>) is the bot's to
    /// keep short; a value with no long value here needs one, or the button a fixed title.
    /// </summary>
    public static IEnumerable<string> TitleProblems(string card, JsonObject template)
    {
        foreach (var (path, title) in ButtonTitles(template).Where(t => t.Title.Contains("${", StringComparison.Ordinal)))
        {
            var values = TemplateValue().Matches(title).Select(m => m.Groups["last"].Value).ToList();
            if (values.Count == 1 && BotMadeTitles.Contains(values[0]) && TemplateValue().Match(title).Value == title)
            {
                continue;
            }

            var unknown = values.Where(key => !Values.Value.ContainsKey(key) && !CardValues.ContainsKey((card, key))).ToList();
            if (unknown.Count > 0)
            {
                yield return $"{path}: title \"{title}\" shows {string.Join(", ", unknown.Select(k => $"${{{k}}}"))}, which has no long value in {nameof(LongCardData)} "
                    + "(a title the bot makes whole is listed there); add one, or give the button a fixed title and put the value in the card";
                continue;
            }

            var longest = TemplateValue().Replace(title, m => Value(card, m.Groups["last"].Value));
            if (longest.Length > CardDesignRules.MaxActionTitleLength)
            {
                yield return $"{path}: title \"{title}\" is \"{longest}\" with long values, {longest.Length} characters, over {CardDesignRules.MaxActionTitleLength}; "
                    + "make the title short and put the long text in the card";
            }
        }
    }

    /// <summary><paramref name="sample"/> with every non-empty string under a known name replaced by its long value.</summary>
    public static JsonNode For(string card, JsonNode sample)
    {
        var data = sample.DeepClone();
        foreach (var obj in CardJson.Descendants(data))
        {
            foreach (var key in obj.Select(p => p.Key).ToList())
            {
                if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0
                    && (CardValues.ContainsKey((card, key)) || Values.Value.ContainsKey(key)))
                {
                    obj[key] = Value(card, key);
                }
            }
        }

        return data;
    }

    private static string Value(string card, string key) => CardValues.TryGetValue((card, key), out var value) ? value : Values.Value[key];

    /// <summary>The titles of the template's buttons (not of its selectActions, which are no buttons), with their paths.</summary>
    private static IEnumerable<(string Path, string Title)> ButtonTitles(JsonObject template) =>
        CardJson.Walk(template)
            .Where(o => CardJson.Type(o.Node)?.StartsWith("Action.", StringComparison.Ordinal) == true && !o.Path.Contains(".selectAction", StringComparison.Ordinal)
                && o.Node["title"] is JsonValue title && title.GetValueKind() == JsonValueKind.String)
            .Select(o => (o.Path, o.Node["title"]!.GetValue<string>()));

    private static Dictionary<string, string> LongValues()
    {
        var articles = KnowledgeLoader.LoadArticles(Path.Combine(RepoPaths.Root, "knowledge", KnowledgeLoader.ArticlesFolder));
        var longestArticleTitle = articles.Select(a => a.Title).MaxBy(t => t.Length)!;
        return new(StringComparer.Ordinal)
        {
            ["title"] = longestArticleTitle,
            ["articleTitle"] = longestArticleTitle,
            ["theme"] = SignalThemes.All.Select(t => t.Label).MaxBy(l => l.Length)!,
            ["name"] = LongName,
            ["personName"] = LongName,
            ["managerName"] = LongName,
            ["firstName"] = LongFirstName,
            ["managerFirstName"] = LongFirstName,
            ["reviewMonths"] = GoodPracticeOptions.MaxReviewAfterMonths.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [GeneratedRegex(@"\$\{[^}]*?(?<last>[A-Za-z_][A-Za-z0-9_]*)\s*\}")]
    private static partial Regex TemplateValue();
}
