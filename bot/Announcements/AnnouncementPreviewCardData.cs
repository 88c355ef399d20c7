using LearningBot.Cards;

namespace LearningBot.Announcements;

/// <summary>
/// Data for <c>announcement-preview</c>: the exact announcement and who it goes to, with Send and Change (carrying
/// <paramref name="DraftId"/>), or, once <paramref name="Sending"/>, without them.
/// </summary>
public sealed record AnnouncementPreviewCardData(
    string DraftId,
    string Headline,
    string Notice,
    bool Sending,
    string Title,
    string Message,
    string AudienceLabel,
    string AudienceSize) : ICardData
{
    public static string CardName => "announcement-preview";
}
