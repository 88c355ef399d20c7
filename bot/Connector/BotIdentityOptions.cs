namespace LearningBot.Connector;

/// <summary>
/// The bot's own identity, under the Bot Framework's usual top-level configuration names
/// (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>).
/// </summary>
public sealed record BotIdentityOptions
{
    public BotAppType MicrosoftAppType { get; init; } = BotAppType.MultiTenant;
    public string? MicrosoftAppId { get; init; }
    public string? MicrosoftAppPassword { get; init; }
    public string? MicrosoftAppTenantId { get; init; }

    /// <summary>No app id means a local run (Playground): inbound auth is off and outbound calls carry no token.</summary>
    public bool IsLocalRun => string.IsNullOrWhiteSpace(MicrosoftAppId);
}

public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}
