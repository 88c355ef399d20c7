using LearningBot.Delivery.Progress;

namespace LearningBot.Announcements;

/// <summary>How many people an audience holds, and how many of them use Teams.</summary>
public sealed record AudienceSize(int People, int InTeams)
{
    public int WithoutTeams => People - InTeams;

    /// <summary>"11,000 people: 10,850 in Teams, 150 without Teams (counted for the printed edition)".</summary>
    public string InWords() =>
        $"{DeliveryProgressCards.Number(People)} {(People == 1 ? "person" : "people")}: {DeliveryProgressCards.Number(InTeams)} in Teams, " +
        $"{DeliveryProgressCards.Number(WithoutTeams)} without Teams (counted for the printed edition)";
}
