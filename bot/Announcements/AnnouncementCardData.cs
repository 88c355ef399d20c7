using LearningBot.Cards;

namespace LearningBot.Announcements;

/// <summary>Data for <c>announcement</c>: the card each recipient gets.</summary>
public sealed record AnnouncementCardData(string Title, string Message, string From) : ICardData
{
    public static string CardName => "announcement";
}
