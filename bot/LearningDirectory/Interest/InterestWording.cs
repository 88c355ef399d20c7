using System.Text.RegularExpressions;

namespace LearningBot.LearningDirectory.Interest;

/// <summary>
/// What someone asked to hear about, read from what followed "tell me about new" or "let me know when there's a":
/// "dementia courses" and "course on moving and handling" are the topics dementia and moving and handling.
/// </summary>
public static partial class InterestWording
{
    /// <summary>The longest topic kept: enough for any course's subject.</summary>
    public const int MaxTopicLength = 80;

    public const string AskForTopic =
        "Which course would you like to hear about? Say, for example, \"tell me about new dementia courses\", or press \"Tell me about new dates\" on a course I've shown you.";

    /// <summary>The topic's words, or empty when nothing is left once words such as "new", "course" and "date" are taken out.</summary>
    public static string TopicOf(string said)
    {
        ArgumentNullException.ThrowIfNull(said);
        var topic = said.Trim().Trim('"', '\'', '“', '”', '‘', '’').Trim();
        string before;
        do
        {
            before = topic;
            topic = Leading().Replace(topic, string.Empty);
            topic = Trailing().Replace(topic, string.Empty).Trim();
        }
        while (topic != before && topic.Length > 0);

        return topic.Length > MaxTopicLength ? topic[..MaxTopicLength].TrimEnd() : topic;
    }

    public static string Registered(string what) =>
        $"Done: I'll tell you when {what}. You can see or stop your alerts at any time: type \"my course alerts\".";

    [GeneratedRegex(@"^(new|a|an|any|some|more|the|date|dates|session|sessions|courses?|training|places?|(on|about|in|for|of))\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Leading();

    [GeneratedRegex(@"\s*\b(new|courses?|training|sessions?|dates?|classes|class|workshops?|ones?|please|for me|coming up|available|is added|are added)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Trailing();
}
