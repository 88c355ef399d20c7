using LearningBot.Connector.Client;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// The limits every turn runs under: its deadline (<c>BotHosting:TurnTimeout</c>), the storage and Bot Connector time it
/// may spend in all (<c>Storage:TurnBudget</c>, <c>ConnectorClient:TurnBudget</c>), and how long storing the conversation
/// reference may take (<c>BotHosting:ConversationReferenceTimeout</c>). Each setting is checked at start-up with its section.
/// </summary>
public sealed class TurnLimits(
    IOptions<BotHostingOptions> hosting,
    IOptions<TableStorageOptions> storage,
    IOptions<ConnectorRetryOptions> connector)
{
    /// <summary>How long an apology may take to send once a turn has failed or run out of time.</summary>
    public static readonly TimeSpan ApologyTimeout = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long writing a card action's answer into its message may hold the invoke response (see
    /// <c>BotRouter.EditMessageAsync</c>); the turn's Bot Connector budget applies as well.
    /// </summary>
    public static readonly TimeSpan CardEditTimeout = TimeSpan.FromSeconds(2);

    public TimeSpan TurnTimeout => hosting.Value.TurnTimeout;

    public TimeSpan ConversationReferenceTimeout => hosting.Value.ConversationReferenceTimeout;

    public TimeSpan StorageBudget => storage.Value.TurnBudget;

    public TimeSpan ConnectorBudget => connector.Value.TurnBudget;
}
