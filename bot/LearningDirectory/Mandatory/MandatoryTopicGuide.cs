using System.Text.Json;
using System.Text.RegularExpressions;

namespace LearningBot.LearningDirectory.Mandatory;

/// <summary>One statutory or mandatory topic as <c>learning-directory/mandatory-topics.json</c> explains it.</summary>
/// <param name="Refresher">The usual refresher period, in words ("Typically every 3 years; your organisation sets it.").</param>
/// <param name="IsCstf">A Core Skills Training Framework subject, so training done elsewhere to the framework can be recognised.</param>
/// <param name="IsConfirmed">The L&amp;D Support Team has checked the refresher period; until then the card says so.</param>
/// <param name="Words">How people name the topic in a question, lower case.</param>
public sealed record MandatoryTopic(string Id, string Label, string Refresher, string WhoNeedsIt, bool IsCstf, bool IsConfirmed, IReadOnlyList<string> Words);

/// <summary>
/// The statutory and mandatory topics, read once from <c>learning-directory/mandatory-topics.json</c> (the content root
/// first, then the app's folder). Every topic of <see cref="MandatoryTopics"/> must be in the file, so the bot refuses
/// to start with a topic the L&amp;D team has not written up.
/// </summary>
public sealed class MandatoryTopicGuide
{
    public const string FileName = "learning-directory/mandatory-topics.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    private readonly (MandatoryTopic Topic, Regex Words)[] _matchers;

    public MandatoryTopicGuide(IReadOnlyList<MandatoryTopic> topics, string passport)
    {
        ArgumentNullException.ThrowIfNull(topics);
        Topics = topics;
        Passport = passport;
        _matchers = [.. topics.Select(t => (t, new Regex(
            $@"(?<![\w&-])({string.Join('|', t.Words.OrderByDescending(w => w.Length).Select(Regex.Escape))})(?![\w&-])",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)))];
    }

    /// <summary>Every topic, in the order of <see cref="MandatoryTopics.All"/>.</summary>
    public IReadOnlyList<MandatoryTopic> Topics { get; }

    /// <summary>What the Core Skills Training Framework means for someone moving between employers.</summary>
    public string Passport { get; }

    public MandatoryTopic? Find(string? id) => Topics.FirstOrDefault(t => t.Id == id);

    /// <summary>The one topic a text names ("my BLS", "fire safety"), or null when it names none or more than one.</summary>
    public MandatoryTopic? Recognise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var named = _matchers.Where(m => m.Words.IsMatch(text)).Select(m => m.Topic).ToList();
        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>The text with the named topic's words taken out, so "moving and handling" is not read as moving jobs.</summary>
    public string WithoutTopicWords(string text, MandatoryTopic topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return _matchers.First(m => m.Topic.Id == topic.Id).Words.Replace(text, " ");
    }

    public static MandatoryTopicGuide Load(string contentRoot)
    {
        var candidates = new[] { Path.GetFullPath(FileName, contentRoot), Path.GetFullPath(FileName, AppContext.BaseDirectory) };
        var path = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"The statutory and mandatory topics file {FileName} is missing.", candidates[0]);
        return Parse(File.ReadAllText(path));
    }

    public static MandatoryTopicGuide Parse(string json)
    {
        var file = JsonSerializer.Deserialize<TopicFile>(json, Json) ?? throw new InvalidDataException($"{FileName} is empty.");
        var topics = MandatoryTopics.All.Select(known =>
        {
            var row = file.Topics.SingleOrDefault(t => t.Id == known.Id)
                ?? throw new InvalidDataException($"{FileName} has no entry for the mandatory topic '{known.Id}'.");
            if (string.IsNullOrWhiteSpace(row.Refresher) || string.IsNullOrWhiteSpace(row.WhoNeedsIt) || row.Words is not { Count: > 0 })
            {
                throw new InvalidDataException($"{FileName}: '{known.Id}' needs a refresher, whoNeedsIt and words.");
            }

            return new MandatoryTopic(known.Id, known.Label, row.Refresher, row.WhoNeedsIt, row.Cstf, row.Confirmed, [.. row.Words.Select(w => w.ToLowerInvariant())]);
        }).ToList();
        if (file.Topics.FirstOrDefault(t => !MandatoryTopics.IsKnown(t.Id)) is { } unknown)
        {
            throw new InvalidDataException($"{FileName} lists '{unknown.Id}', which is not a mandatory topic the directory knows.");
        }

        return new MandatoryTopicGuide(topics, file.Passport);
    }

    private sealed record TopicFile(string Passport, IReadOnlyList<TopicRow> Topics);

    private sealed record TopicRow(string Id, string Refresher, string WhoNeedsIt, bool Cstf, bool Confirmed, IReadOnlyList<string>? Words);
}
