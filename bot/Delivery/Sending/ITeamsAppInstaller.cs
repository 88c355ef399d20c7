namespace LearningBot.Delivery.Sending;

/// <summary>Installs the bot's Teams app in a person's personal scope, so the bot can open a chat with them.</summary>
public interface ITeamsAppInstaller
{
    /// <param name="userId">The person's Entra object id.</param>
    Task<AppInstallOutcome> InstallAsync(string userId, CancellationToken cancellationToken);
}
