using LearningBot.Leads;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// The controlled theme list as the form's choices. The list itself is <see cref="SignalThemes"/>, shared with the
/// register of leads, so a signal's theme and a lead's specialty always match by id.
/// </summary>
public static class ThemeChoices
{
    public static IReadOnlyList<SignalChoice> All { get; } = [.. SignalThemes.All.Select(theme => new SignalChoice(theme.Id, theme.Label))];
}
