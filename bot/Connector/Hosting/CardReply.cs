using System.Text.Json.Nodes;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// A card to send, and optionally a shorter form of it for when the card is too large for Teams (see
/// <see cref="CardFit"/>). Without a shorter form the card goes as it is. A shorter form given as a function is bound
/// only when it is needed (the card is over the limit, or refused as too large): most cards never need theirs, and
/// binding it on every turn cost as much again as the card.
/// </summary>
public sealed record CardReply
{
    private readonly Func<JsonObject>? _bindShorter;
    private JsonObject? _shorter;

    public CardReply(JsonObject card, JsonObject? shorter = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        Card = card;
        _shorter = shorter;
    }

    public CardReply(JsonObject card, Func<JsonObject> shorter)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(shorter);
        Card = card;
        _bindShorter = shorter;
    }

    public JsonObject Card { get; }

    /// <summary>Whether there is a shorter form, without binding it.</summary>
    public bool HasShorter => _shorter is not null || _bindShorter is not null;

    /// <summary>The shorter form (bound now if it was given as a function and not bound yet), or null.</summary>
    public JsonObject? Shorter => _shorter ??= _bindShorter?.Invoke();
}
