using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// The one rule for cards too large for Teams, used for every card reply (a new message, a replaced card, an invoke
/// response). Teams refuses messages over about 28 KB with 413 (<c>MessageSizeTooBig</c>), so a card that has a
/// shorter form is measured as it will travel (the whole activity) and swapped for that form when it is over the limit,
/// and sent again in that form if the connector still answers 413. The turn goes on either way. A card without a
/// shorter form is sent as it is, as before.
/// </summary>
public static class CardFit
{
    /// <summary>The largest message Teams takes in practice, in bytes of activity JSON.</summary>
    public const int MaxMessageBytes = 28 * 1024;

    /// <summary>The bytes of the activity as the connector client sends it.</summary>
    public static int SizeOf(Activity activity) =>
        JsonSerializer.SerializeToUtf8Bytes(ConnectorClient.Outbound(activity), BotJson.Options).Length;

    /// <summary>The bytes of a reply carrying <paramref name="card"/> in <paramref name="turn"/>'s conversation.</summary>
    public static int SizeOf(ITurnContext turn, JsonObject card) => SizeOf(Wrap(turn, card));

    public static bool IsTooLarge(ConnectorException exception) =>
        exception.StatusCode == HttpStatusCode.RequestEntityTooLarge || exception.Has(TeamsErrorCodes.MessageSizeTooBig);

    /// <summary>The card, or its shorter form when the card would be over <see cref="MaxMessageBytes"/>.</summary>
    public static JsonObject Choose(ITurnContext turn, CardReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        if (reply.Shorter is { } shorter && SizeOf(turn, reply.Card) > MaxMessageBytes)
        {
            Shortened("over the size limit");
            return shorter;
        }

        return reply.Card;
    }

    /// <summary>Sends the card (or its shorter form, see <see cref="Choose"/>) and, on a 413, the shorter form.</summary>
    public static async Task<ResourceResponse> SendAsync(ITurnContext turn, CardReply reply, Func<Activity, Task<ResourceResponse>> send)
    {
        var card = Choose(turn, reply);
        try
        {
            return await send(Wrap(turn, card));
        }
        catch (ConnectorException exception) when (IsTooLarge(exception) && reply.Shorter is { } shorter && !ReferenceEquals(card, shorter))
        {
            Shortened("refused as too large");
            return await send(Wrap(turn, shorter));
        }
    }

    /// <summary>Marks the turn's span, so a card that keeps being shortened shows up in telemetry.</summary>
    private static void Shortened(string why) =>
        System.Diagnostics.Activity.Current?.AddEvent(new("card.shortened", tags: new() { ["reason"] = why }));

    private static Activity Wrap(ITurnContext turn, JsonObject card) =>
        turn.Activity.CreateReply() with { Attachments = [Attachment.AdaptiveCard(card)] };
}
