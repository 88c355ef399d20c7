using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// A card button press: its verb and its data merged with the card's input values. The getters read what Teams sends
/// whichever way the value travels (Input.Number and Input.Toggle values arrive as strings), and answer null when the
/// value is missing or of another kind, never throwing on what a client sent.
/// </summary>
public sealed record CardActionRequest(string Verb, JsonElement Data)
{
    /// <summary>
    /// True when Teams asked because the card was shown to someone its refresh names (<see cref="CardRefresh"/>), not
    /// because anyone pressed: the answer is that person's view of the card, and nothing should change.
    /// </summary>
    public bool IsRefresh { get; init; }

    public string? GetString(string name) =>
        TryGet(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public int? GetInt(string name) =>
        TryGet(name, out var value) && (value.ValueKind == JsonValueKind.Number
            ? value.TryGetInt32(out var number)
            : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number))
            ? number
            : null;

    public bool? GetBool(string name) =>
        !TryGet(name, out var value) ? null : value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when bool.TryParse(value.GetString(), out var flag) => flag,
            _ => null,
        };

    /// <summary>The submitted values as a copy the capability may change (empty when the press carried none).</summary>
    public JsonObject Submitted() =>
        Data.ValueKind == JsonValueKind.Object ? JsonObject.Create(Data)!.DeepClone().AsObject() : [];

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out value);
    }
}
