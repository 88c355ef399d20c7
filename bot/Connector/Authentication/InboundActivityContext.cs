namespace LearningBot.Connector.Authentication;

/// <summary>The parts of the inbound activity that the token is checked against.</summary>
/// <param name="ChannelId">The activity's <c>channelId</c> (must be endorsed by the signing key).</param>
/// <param name="ServiceUrl">The activity's <c>serviceUrl</c> (must equal the token's <c>serviceurl</c> claim).</param>
/// <param name="TenantId">The activity's tenant: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</param>
public sealed record InboundActivityContext(string? ChannelId, string? ServiceUrl, string? TenantId);
