using LearningBot.People;
using Microsoft.Extensions.Options;

namespace LearningBot.Access;

/// <summary>
/// Groups in <c>Roles:Groups</c> are checked through Microsoft Graph, which the bot uses only when the people directory
/// does (<c>People:Source=Graph</c>). Outside the Development environment, groups without Graph stop start-up: the
/// people they name would silently hold no role. In Development it is a warning, and nobody holds a role through a group.
/// </summary>
internal sealed partial class RoleGroupsNeedGraph(IHostEnvironment? environment, IConfiguration configuration, ILogger<RoleGroupsNeedGraph> logger)
    : IValidateOptions<RoleOptions>
{
    public ValidateOptionsResult Validate(string? name, RoleOptions options)
    {
        if (!options.HasGroups || UsesGraph())
        {
            return ValidateOptionsResult.Success;
        }

        if (environment?.IsDevelopment() == true)
        {
            LogGroupsIgnored(logger);
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{RoleOptions.Section}:{nameof(RoleOptions.Groups)} names Entra ID groups, but Microsoft Graph is not configured in the " +
            $"'{environment?.EnvironmentName ?? "Production"}' environment, so their members would hold no role. Set {PeopleOptions.Section}:" +
            $"{nameof(PeopleOptions.Source)}=Graph (the managed identity needs User.Read.All and GroupMember.Read.All), or list the " +
            $"people themselves under {RoleOptions.Section}.");
    }

    // Read as written rather than through the People options, so a bad People setting is reported there, not here.
    private bool UsesGraph() => string.Equals(
        configuration[$"{PeopleOptions.Section}:{nameof(PeopleOptions.Source)}"], nameof(PeopleSource.Graph), StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Roles:Groups names Entra ID groups but People:Source is not Graph: nobody holds a role through a group in this Development run")]
    private static partial void LogGroupsIgnored(ILogger logger);
}
