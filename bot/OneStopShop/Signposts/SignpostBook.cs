using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>
/// The signposts file: the signposts, the words that mark a question as a learning one (which then never gets a
/// signpost), and phrases in which such a word means something else ("the wifi in the training centre", "who can I talk to
/// in confidence", "the Royal College of Nursing").
/// </summary>
public sealed partial record SignpostBook(
    [property: JsonPropertyName("learningCues")] IReadOnlyList<string> LearningCues,
    [property: JsonPropertyName("signposts")] IReadOnlyList<Signpost> Signposts,
    [property: JsonPropertyName("otherSenses")] IReadOnlyList<string>? OtherSenses = null)
{
    public const string FileName = "signposts.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    public static SignpostBook Empty { get; } = new([], []);

    public Signpost? Find(string id) => Signposts.FirstOrDefault(s => s.Id == id);

    /// <summary>Reads and checks the file; a missing file is no signposts, a broken one stops start-up with every problem listed.</summary>
    public static SignpostBook Load(string path)
    {
        if (!File.Exists(path))
        {
            return Empty;
        }

        SignpostBook? book;
        try
        {
            book = JsonSerializer.Deserialize<SignpostBook>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new KnowledgeLoadException(path, (int?)exception.LineNumber + 1, exception.Message);
        }

        book = book is null ? Empty : book with { LearningCues = book.LearningCues ?? [], Signposts = book.Signposts ?? [] };
        if (book.Problems().ToList() is { Count: > 0 } problems)
        {
            throw new KnowledgeLoadException(path, null, string.Join(" ", problems));
        }

        return book;
    }

    /// <summary>What is wrong with the file, in words the L&amp;D team can act on.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var duplicate in Signposts.GroupBy(s => s.Id).Where(g => g.Count() > 1))
        {
            yield return $"The id '{duplicate.Key}' is used by more than one signpost.";
        }

        foreach (var signpost in Signposts)
        {
            var name = string.IsNullOrWhiteSpace(signpost.Id) ? "A signpost" : $"Signpost '{signpost.Id}'";
            if (signpost.Id is null || !Id().IsMatch(signpost.Id))
            {
                yield return $"{name} needs an id of lower-case words joined by hyphens.";
            }

            if (string.IsNullOrWhiteSpace(signpost.Topic) || string.IsNullOrWhiteSpace(signpost.Title) || string.IsNullOrWhiteSpace(signpost.Message))
            {
                yield return $"{name} needs a topic, a title and a message.";
            }

            if (signpost.Routes is not { Count: > 0 } routes || routes.Any(r => string.IsNullOrWhiteSpace(r.Who) || string.IsNullOrWhiteSpace(r.How)))
            {
                yield return $"{name} needs at least one route, each with 'who' and 'how'.";
            }

            if (signpost.Urgent && string.IsNullOrWhiteSpace(signpost.UrgentLine))
            {
                yield return $"{name} is urgent, so it needs an 'urgentLine' saying what to do now.";
            }

            if ((signpost.Triggers?.Count ?? 0) + (signpost.Examples?.Count ?? 0) == 0)
            {
                yield return $"{name} needs triggers or examples, or no question can reach it.";
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Id();
}
