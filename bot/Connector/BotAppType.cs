namespace LearningBot.Connector;

/// <summary>How the bot proves its identity to the Bot Connector (<see cref="BotIdentityOptions.MicrosoftAppType"/>).</summary>
public enum BotAppType
{
    MultiTenant,
    SingleTenant,
    UserAssignedMSI,
}
