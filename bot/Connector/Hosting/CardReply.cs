using System.Text.Json.Nodes;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// A card to send, and optionally a shorter form of it for when the card is too large for Teams (see
/// <see cref="CardFit"/>). Without a shorter form the card goes as it is.
/// </summary>
public sealed record CardReply(JsonObject Card, JsonObject? Shorter = null);
