using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.Announcements;

/// <summary>
/// Renders the announcement cards. The title and message are shown through <see cref="CardText.Literal"/>, so what
/// the author typed is what everyone sees; the form's inputs hold the text itself.
/// </summary>
public sealed class AnnouncementCards(CardCatalog cards)
{
    public const string From = "the L&D Support Team";

    public JsonObject Compose(string title = "", string message = "", string audience = AnnouncementAudiences.Me, string removed = "") =>
        cards.Render(new AnnouncementComposeCardData(title, message, audience, AnnouncementAudiences.Choices, removed));

    public JsonObject Preview(AnnouncementDraftEntity draft, AudienceSize size) =>
        cards.Render(new AnnouncementPreviewCardData(
            draft.DraftId, "Check your announcement, then send it", string.Empty, Sending: false,
            CardText.Literal(draft.Title), CardText.Literal(draft.Message), AnnouncementAudiences.Describe(draft.Audience), size.InWords()));

    public JsonObject Sending(AnnouncementDraftEntity draft, int recipients, bool alreadyStarted) =>
        cards.Render(new AnnouncementPreviewCardData(
            draft.DraftId,
            "Sending…",
            alreadyStarted
                ? "This announcement is already on its way: it is sent once, however often Send is pressed."
                : "I'll post a progress card here that keeps itself up to date.",
            Sending: true,
            CardText.Literal(draft.Title), CardText.Literal(draft.Message), AnnouncementAudiences.Describe(draft.Audience),
            $"{Delivery.Progress.DeliveryProgressCards.Number(recipients)} {(recipients == 1 ? "person" : "people")}"));

    /// <summary>The card each recipient gets.</summary>
    public JsonObject Announcement(AnnouncementDraftEntity draft) =>
        cards.Render(new AnnouncementCardData(CardText.Literal(draft.Title), CardText.Literal(draft.Message), From));
}
