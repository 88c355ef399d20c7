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
    private readonly JsonNode _json;
    private JsonObject? _card;
    private JsonObject? _shorter;

    public CardReply(JsonObject card, JsonObject? shorter = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        _json = _card = card;
        _shorter = shorter;
    }

    public CardReply(JsonObject card, Func<JsonObject> shorter)
        : this(card)
    {
        ArgumentNullException.ThrowIfNull(shorter);
        _bindShorter = shorter;
    }

    private CardReply(JsonNode json, Func<JsonObject>? shorter)
    {
        _json = json;
        _bindShorter = shorter;
    }

    /// <summary>
    /// A card kept as its bound JSON (<c>CardTemplate.BindJson</c>, a <see cref="Schema.RawJson"/> node): sent, measured
    /// and stored as those bytes, and read into nodes only if something looks at <see cref="Card"/>.
    /// </summary>
    public static CardReply FromJson(JsonNode json, Func<JsonObject>? shorter = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return json is JsonObject card ? shorter is null ? new(card) : new(card, shorter) : new(json, shorter);
    }

    /// <summary>The card as an object to look into (read from its JSON the first time, for a card kept as JSON).</summary>
    public JsonObject Card => _card ??= JsonNode.Parse(_json.ToJsonString())!.AsObject();

    /// <summary>The card as it is sent: its bound JSON, or the object.</summary>
    public JsonNode Json => _card ?? _json;

    /// <summary>Whether there is a shorter form, without binding it.</summary>
    public bool HasShorter => _shorter is not null || _bindShorter is not null;

    /// <summary>The shorter form (bound now if it was given as a function and not bound yet), or null.</summary>
    public JsonObject? Shorter => _shorter ??= _bindShorter?.Invoke();
}
