using LearningBot.Privacy;

namespace LearningBot.FeedbackSignals;

/// <summary>Counts as bands, so a count below 5 is never shown as a number outside the L&amp;D Support Team.</summary>
public static class CountBands
{
    public const string FewerThanFive = "fewer than 5";
    public const string FiveToNine = "5 to 9";
    public const string TenOrMore = "10 or more";

    public static string InWords(int count) => count switch
    {
        < SmallNumbers.Threshold => FewerThanFive,
        < 10 => FiveToNine,
        _ => TenOrMore,
    };
}
