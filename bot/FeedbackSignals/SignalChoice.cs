namespace LearningBot.FeedbackSignals;

/// <summary>One answer on a list of the signal form: the value stored and the words shown.</summary>
public sealed record SignalChoice(string Value, string Title);

/// <summary>Finding a list's words for a stored value.</summary>
public static class SignalChoiceLists
{
    public static bool Offers(this IReadOnlyList<SignalChoice> list, string? value) =>
        value is not null && list.Any(choice => choice.Value == value);

    /// <summary>The words for <paramref name="value"/>, or the value itself when the list no longer has it.</summary>
    public static string TitleOf(this IReadOnlyList<SignalChoice> list, string value) =>
        list.FirstOrDefault(choice => choice.Value == value)?.Title ?? value;
}
