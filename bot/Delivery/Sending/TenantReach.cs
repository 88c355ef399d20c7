using LearningBot.Connector.Schema;

namespace LearningBot.Delivery.Sending;

/// <summary>Where the bot opens chats in its tenant: the region's Bot Connector, the tenant, and the bot's own account.</summary>
public sealed record TenantReach(string ServiceUrl, string TenantId, ChannelAccount Bot);
