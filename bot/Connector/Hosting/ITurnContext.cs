using System.Security.Claims;
using System.Text.Json.Nodes;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// One inbound activity and the means to answer it, shaped like Microsoft.Bot.Builder's ITurnContext.
/// </summary>
public interface ITurnContext
{
    Activity Activity { get; }

    /// <summary>The message text with the bot's own @mention removed and whitespace trimmed.</summary>
    string Text { get; }

    /// <summary>Who sent the activity, as proven by its token (anonymous in a local run).</summary>
    ClaimsIdentity Identity { get; }

    /// <summary>
    /// Who sent the activity: person key, Entra object id, Teams id, name and tenant, from the accepted activity and the
    /// channel and tenant the authenticator checked (see <see cref="Hosting.Caller"/>).
    /// </summary>
    Caller Caller { get; }

    ConversationReference ConversationReference { get; }

    /// <summary>
    /// The Bot Connector of the activity's <c>serviceUrl</c>, for the Teams operations a turn may need (members, team
    /// channels, as the SDK's <c>TeamsInfo</c>). Replies go through the methods below.
    /// </summary>
    IConnectorClient Connector { get; }

    /// <summary>
    /// The turn's deadline (<c>BotHosting:TurnTimeout</c>), not the HTTP request's: a turn goes on when Teams stops
    /// waiting, so what it started is finished, and is cancelled only when it runs out of time.
    /// </summary>
    CancellationToken Aborted { get; }

    /// <summary>Replies in the activity's conversation (threaded to it where the channel supports threads).</summary>
    Task<ResourceResponse> SendActivityAsync(Activity activity);

    Task<ResourceResponse> SendTextAsync(string text);

    /// <summary>
    /// Sends a bound card. An object goes through the size rule (one Teams refuses as too large arrives as
    /// <see cref="CardFit.TooLong"/>, see <see cref="CardFit"/>); JSON as bound (<see cref="Cards.CardCatalog.RenderJson{TData}"/>)
    /// is sent as it is, so keep that for cards small by construction.
    /// </summary>
    Task<ResourceResponse> SendCardAsync(JsonNode card);

    /// <summary>Sends the card, or its shorter form when it is too large for Teams (<see cref="CardFit"/>).</summary>
    Task<ResourceResponse> SendCardAsync(CardReply reply);

    /// <summary>Replaces an earlier message of the bot's, for example a card after its button was pressed.</summary>
    Task<ResourceResponse> UpdateActivityAsync(string activityId, Activity activity);

    /// <summary>As <see cref="UpdateActivityAsync(string, Activity)"/>, given up when <paramref name="cancellationToken"/> or the turn's deadline fires.</summary>
    Task<ResourceResponse> UpdateActivityAsync(string activityId, Activity activity, CancellationToken cancellationToken);

    Task SendTypingAsync();
}
