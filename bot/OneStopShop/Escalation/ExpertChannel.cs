using LearningBot.Connector.Schema;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>The channel where the L&amp;D team sees escalated questions, as chosen by a team member.</summary>
public sealed record ExpertChannel(ConversationReference Conversation, string? TeamId, string? TeamName, string? ChannelName, string SetByName, DateTimeOffset SetAt);
