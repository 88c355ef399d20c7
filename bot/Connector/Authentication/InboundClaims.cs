namespace LearningBot.Connector.Authentication;

/// <summary>
/// Claims the authenticator puts on every identity it accepts, replacing any of the same type the token carried: what
/// it checked, for the turn to rely on (<see cref="Hosting.Caller"/>) instead of reading the activity again.
/// </summary>
public static class InboundClaims
{
    /// <summary>The activity's <c>channelId</c>, a channel the bot serves (<see cref="BotChannels"/>).</summary>
    public const string ChannelId = "learningbot/channel";

    /// <summary>
    /// The tenant from a validated source: an Entra ID token's <c>tid</c>, or, for Bot Connector tokens and Azure Bot
    /// Service's own tenants, the activity's tenant (<c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>),
    /// which Teams sets. Absent when there is none.
    /// </summary>
    public const string TenantId = "learningbot/tenant";
}
