using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// The one rule for cards too large for Teams, used for every card reply (a new message, a replaced card, an invoke
/// response, an edit of the message a button was on) and for cards sent outside a turn. Teams refuses messages over
/// about 28 KB with 413 (<c>MessageSizeTooBig</c>), so a card is measured as it will travel (the whole activity) and
/// swapped for its shorter form when it is over the limit, and sent again in that form if the connector still answers
/// 413. A card without a shorter form of its own goes as it is, and if Teams refuses it all the same, as
/// <see cref="TooLong"/>: a short card saying it could not be shown, rather than a failed turn. Cards are meant never to
/// need that (each capability splits or shortens what could grow, and every template is measured with its largest data
/// by the tests); it is the last line, and shows up in telemetry as <c>card.shortened</c>.
/// </summary>
public static class CardFit
{
    /// <summary>The largest message Teams takes in practice, in bytes of activity JSON.</summary>
    public const int MaxMessageBytes = 28 * 1024;

    /// <summary>The bytes of the activity as the connector client sends it.</summary>
    /// <remarks>Measured in the connector's own per-thread buffer: a card reply is measured on every press, and a copy of its JSON would be thrown away.</remarks>
    public static int SizeOf(Activity activity) =>
        PooledPayload.WithJson(ConnectorClient.Outbound(activity), static json => json.Length);

    /// <summary>The bytes of a reply carrying <paramref name="card"/> in <paramref name="turn"/>'s conversation.</summary>
    public static int SizeOf(ITurnContext turn, JsonNode card) => SizeOf(Wrap(turn, card));

    public static bool IsTooLarge(ConnectorException exception) =>
        exception.StatusCode == HttpStatusCode.RequestEntityTooLarge || exception.Has(TeamsErrorCodes.MessageSizeTooBig);

    /// <summary>
    /// Room for what Teams adds to a message sent outside a turn (the conversation, the bot, the recipient), which the
    /// card's own activity does not have yet when it is measured.
    /// </summary>
    public const int AddressBytes = 1024;

    /// <summary>
    /// The card as it is sent (<see cref="CardReply.Json"/>), or its shorter form when the card would be over
    /// <see cref="MaxMessageBytes"/>.
    /// </summary>
    public static JsonNode Choose(ITurnContext turn, CardReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.HasShorter && SizeOf(turn, reply.Json) > MaxMessageBytes && reply.Shorter is { } shorter)
        {
            Shortened("over the size limit");
            return shorter;
        }

        return reply.Json;
    }

    /// <summary>For a card sent outside a turn (a delivery, the outbox): the card, or its shorter form when it would be over the limit.</summary>
    public static JsonObject Choose(CardReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var alone = new Activity { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(reply.Card)] };
        if (reply.HasShorter && SizeOf(alone) + AddressBytes > MaxMessageBytes && reply.Shorter is { } shorter)
        {
            Shortened("over the size limit");
            return shorter;
        }

        return reply.Card;
    }

    /// <summary>Sends the card (or its shorter form, see <see cref="Choose(ITurnContext, CardReply)"/>) and, on a 413, the shorter form.</summary>
    public static async Task<ResourceResponse> SendAsync(ITurnContext turn, CardReply reply, Func<Activity, Task<ResourceResponse>> send)
    {
        var card = Choose(turn, reply);
        try
        {
            return await send(Wrap(turn, card));
        }
        catch (ConnectorException exception) when (IsTooLarge(exception) && !(reply.HasShorter && ReferenceEquals(card, reply.Shorter)))
        {
            Shortened(reply.Shorter is null ? "refused as too large, no shorter form" : "refused as too large");
            return await send(Wrap(turn, reply.Shorter ?? TooLong(card as JsonObject ?? reply.Card)));
        }
    }

    /// <summary>
    /// The card for one that is too long for Teams and has no shorter form: its heading (the first text it shows) and a
    /// line saying it was too long to show, with the way back to the menu.
    /// </summary>
    public static JsonObject TooLong(JsonObject card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var heading = FirstText(card["body"]) is { Length: > 0 } text ? text.Length > 200 ? text[..200] + "…" : text : "LearningBot";
        return new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["version"] = "1.5",
            ["speak"] = "This is too long to show in Teams.",
            ["body"] = new JsonArray(
                new JsonObject { ["type"] = "TextBlock", ["text"] = heading, ["style"] = "heading", ["weight"] = "Bolder", ["wrap"] = true },
                new JsonObject
                {
                    ["type"] = "TextBlock",
                    ["text"] = "This is too long for Teams to show here. Please tell the L&D Support Team, so they can make it shorter.",
                    ["wrap"] = true,
                },
                new JsonObject
                {
                    ["type"] = "ActionSet",
                    ["actions"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "Action.Execute",
                        ["title"] = "Back to the menu",
                        ["verb"] = "help",
                        ["fallback"] = new JsonObject { ["type"] = "Action.Submit", ["title"] = "Back to the menu", ["data"] = new JsonObject { ["verb"] = "help" } },
                    }),
                }),
        };
    }

    private static string? FirstText(JsonNode? node) => node switch
    {
        JsonObject element when element["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind == "TextBlock"
            && element["text"] is JsonValue text && text.TryGetValue<string>(out var words) => words,
        JsonObject element => element.Select(property => FirstText(property.Value)).FirstOrDefault(found => found is not null),
        JsonArray list => list.Select(FirstText).FirstOrDefault(found => found is not null),
        _ => null,
    };

    /// <summary>Marks the turn's span, so a card that keeps being shortened shows up in telemetry.</summary>
    private static void Shortened(string why) =>
        System.Diagnostics.Activity.Current?.AddEvent(new("card.shortened", tags: new() { ["reason"] = why }));

    private static Activity Wrap(ITurnContext turn, JsonNode card) =>
        turn.Activity.CreateReply([Attachment.AdaptiveCard(card)]);
}
