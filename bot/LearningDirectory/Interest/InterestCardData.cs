using LearningBot.Cards;
using LearningBot.LearningDirectory.Finding;

namespace LearningBot.LearningDirectory.Interest;

/// <summary>Data for <c>course-alert-added</c>: what was registered, in words, with a way to the list.</summary>
public sealed record CourseAlertAddedCardData(string Text) : ICardData
{
    public static string CardName => "course-alert-added";
}

/// <summary>Data for <c>course-alerts</c>: what the person asked to hear about, each with Stop.</summary>
/// <param name="Notice">What the last press did ("Stopped: …"), or empty.</param>
public sealed record CourseAlertsCardData(string Notice, IReadOnlyList<CourseAlertItem> Alerts) : ICardData
{
    public static string CardName => "course-alerts";
}

/// <param name="Id">The interest's row key, carried by Stop.</param>
public sealed record CourseAlertItem(string Id, string Text);

/// <summary>Data for <c>course-new-dates</c>: the message people get when a date is added to a course they asked about.</summary>
/// <param name="BookUrl">A web, mailto: or tel: link; empty when there is no booking route.</param>
public sealed record CourseNewDatesCardData(
    string OfferId,
    string Title,
    string Provider,
    bool IsSample,
    IReadOnlyList<SessionLine> Sessions,
    string HowToBook,
    string BookTitle,
    string BookUrl) : ICardData
{
    public static string CardName => "course-new-dates";
}
