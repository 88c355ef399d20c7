using LearningBot.Cards;

namespace LearningBot.Announcements;

/// <summary>Data for <c>announcement-compose</c>: the form, with what was typed so far.</summary>
/// <param name="Removed">What the scrubber took out of the title and message it holds ("a phone number"), or empty.</param>
public sealed record AnnouncementComposeCardData(string Title, string Message, string Audience, IReadOnlyList<AudienceChoice> AudienceChoices, string Removed = "") : ICardData
{
    public static string CardName => "announcement-compose";
}
