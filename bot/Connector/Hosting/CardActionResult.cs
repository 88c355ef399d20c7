using System.Text.Json.Nodes;

namespace LearningBot.Connector.Hosting;

/// <summary>What a card button press produces: a card that replaces the pressed one, or a short message.</summary>
public abstract record CardActionResult
{
    public static CardActionResult Replace(JsonObject card) => new ReplaceCard(card);

    /// <summary>Replaces the card, with a shorter form for when the card is too large for Teams (<see cref="CardFit"/>).</summary>
    public static CardActionResult Replace(CardReply reply) => new ReplaceCard(reply.Card) { Shorter = reply.Shorter };

    public static CardActionResult Message(string text) => new ShowMessage(text);

    public sealed record ReplaceCard(JsonObject Card) : CardActionResult
    {
        public JsonObject? Shorter { get; init; }

        public CardReply Reply => new(Card, Shorter);
    }

    public sealed record ShowMessage(string Text) : CardActionResult;
}
