using System.Text.Json.Nodes;

namespace LearningBot.Connector.Hosting;

/// <summary>What a card button press produces: a card that replaces the pressed one, or a short message.</summary>
public abstract record CardActionResult
{
    public static CardActionResult Replace(JsonObject card) => new ReplaceCard(card);

    public static CardActionResult Message(string text) => new ShowMessage(text);

    public sealed record ReplaceCard(JsonObject Card) : CardActionResult;

    public sealed record ShowMessage(string Text) : CardActionResult;
}
