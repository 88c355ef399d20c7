using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Keeps reviews out of shared conversations. A manager's team list (names with due and overdue) and every step card
/// are personal, so in a channel or group chat every review route answers with <c>review-private</c> instead: a short
/// card with no names whose button opens the bot's 1:1 chat (the Teams deep link to a chat with a bot,
/// <c>https://teams.microsoft.com/l/chat/0/0?users=28:&lt;bot app id&gt;</c>). When the bot can already reach the
/// manager there, the team list is sent to that chat as well, so it is waiting when they open it.
/// </summary>
public sealed class ReviewPrivateChat(
    CardCatalog cards,
    ReviewTeamView team,
    ProactiveMessenger messenger,
    IOptions<BotIdentityOptions> identity,
    ILogger<ReviewPrivateChat> logger)
{
    /// <summary>The answer to a person's own review card pressed anywhere but their 1:1 chat.</summary>
    public const string PersonNotice = "Your review is private, so please answer it in your own chat with me, not here.";

    /// <summary>True in a channel or group chat (or any conversation Teams marks as a group): everyone there sees the answer.</summary>
    public static bool IsShared(Activity activity) =>
        activity.Conversation is { } conversation
        && (conversation.ConversationType is "channel" or "groupChat" || conversation.IsGroup == true);

    /// <summary>The card to answer with in a shared conversation, after sending the caller's team list to their 1:1 chat where possible.</summary>
    public async Task<JsonObject> RedirectAsync(ITurnContext turn)
    {
        var sent = turn.Caller.PersonKey is { } caller && await SendTeamListAsync(caller, turn.Aborted);
        return cards.Render(new ReviewPrivateCardData(sent, ChatLink(identity.Value.MicrosoftAppId, turn.Activity.Recipient?.Id)));
    }

    /// <summary>
    /// The deep link that opens the bot's 1:1 chat: from the configured app id, or else from the bot's account on the
    /// activity (<c>28:&lt;app id&gt;</c> in Teams). Empty when neither is known (a local run), and then the card has no button.
    /// </summary>
    public static string ChatLink(string? appId, string? botAccountId)
    {
        var id = !string.IsNullOrWhiteSpace(appId) ? appId.Trim() : botAccountId?.Trim() ?? string.Empty;
        if (id.StartsWith("28:", StringComparison.Ordinal))
        {
            id = id[3..];
        }

        return id.Length == 0 ? string.Empty : "https://teams.microsoft.com/l/chat/0/0?users=28:" + Uri.EscapeDataString(id);
    }

    private async Task<bool> SendTeamListAsync(string managerId, CancellationToken cancellationToken)
    {
        try
        {
            var card = await team.RenderAsync(managerId, "Here is your team, as you asked in a shared conversation. Reviews only ever open here.", cancellationToken);
            return await messenger.SendCardToPersonAsync(managerId, card, cancellationToken) is not null;
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning(exception, "Could not send the team list to manager {ManagerId}'s 1:1 chat", managerId);
            return false;
        }
    }
}
