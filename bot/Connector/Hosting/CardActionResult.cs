using System.Text.Json.Nodes;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// What a card button press produces: a card that replaces the pressed one, or a short message. A card either shows
/// to the person who pressed only (<see cref="Replace(JsonObject)"/>: a form they opened, a page they turned to, their
/// own typing sent back with a problem) or becomes what the message shows everyone (<see cref="Update(JsonObject)"/>:
/// what the press changed). The router does the rest (<see cref="CardView"/>); a capability never edits the message itself.
/// </summary>
public abstract record CardActionResult
{
    /// <summary>The card, for the person who pressed only (<see cref="CardView.Personal"/>).</summary>
    public static CardActionResult Replace(JsonObject card) => new ReplaceCard(card);

    /// <summary>As <see cref="Replace(JsonObject)"/>, with a shorter form for when the card is too large for Teams (<see cref="CardFit"/>).</summary>
    public static CardActionResult Replace(CardReply reply) => new ReplaceCard(reply);

    /// <summary>The card the message shows from now on, for everyone and on every device (<see cref="CardView.Shared"/>).</summary>
    public static CardActionResult Update(JsonObject card) => new ReplaceCard(card) { View = CardView.Shared };

    /// <summary>As <see cref="Update(JsonObject)"/>, with a shorter form for when the card is too large for Teams.</summary>
    public static CardActionResult Update(CardReply reply) => new ReplaceCard(reply) { View = CardView.Shared };

    /// <summary>
    /// The message shows <paramref name="forEveryone"/> from now on, and the person who pressed sees
    /// <paramref name="forPresser"/>: a card that differs per person. <paramref name="forEveryone"/> should carry a
    /// <see cref="CardRefresh"/> naming the people who see their own view, so their other devices and later views get it too.
    /// </summary>
    public static CardActionResult Update(JsonObject forPresser, JsonObject forEveryone) =>
        new ReplaceCard(forPresser) { View = CardView.Shared, ForEveryone = new CardReply(forEveryone) };

    public static CardActionResult Message(string text) => new ShowMessage(text);

    public sealed record ReplaceCard : CardActionResult
    {
        public ReplaceCard(JsonObject card)
            : this(new CardReply(card))
        {
        }

        /// <summary>The card with its shorter form, which stays unbound until something needs it.</summary>
        public ReplaceCard(CardReply reply)
        {
            ArgumentNullException.ThrowIfNull(reply);
            Reply = reply;
        }

        public JsonObject Card => Reply.Card;

        public JsonObject? Shorter => Reply.Shorter;

        /// <summary>Who sees the card: only the person who pressed (the default), or everyone through an edit of the message.</summary>
        public CardView View { get; init; } = CardView.Personal;

        /// <summary>What the edited message shows, when it differs from what the person who pressed sees; null when it is the same card.</summary>
        public CardReply? ForEveryone { get; init; }

        public CardReply Reply { get; }

        /// <summary>The card the message itself shows after a <see cref="CardView.Shared"/> answer.</summary>
        public CardReply Shared => ForEveryone ?? Reply;
    }

    public sealed record ShowMessage(string Text) : CardActionResult;
}

/// <summary>
/// Who sees the card an <c>Action.Execute</c> press is answered with. Teams shows the card of the invoke response only
/// on the device that pressed and keeps it nowhere: after a reload, on another device or phone, for anyone else in the
/// chat, or once someone reacts to the message, the message's own card is back. So what a press changed must also be
/// written into the message (<c>PUT v3/conversations/{id}/activities/{replyToId}</c>), which the router does for
/// <see cref="Shared"/>; <see cref="Personal"/> is the default, so a form opened for one person never shows to others.
/// </summary>
public enum CardView
{
    /// <summary>The person who pressed, on that device, until the message is shown again: nothing is stored.</summary>
    Personal,

    /// <summary>Everyone who sees the message, on every device and every later view: the message is edited.</summary>
    Shared,
}
