using Microsoft.Extensions.Options;

namespace LearningBot.Connector;

/// <summary>
/// Outside the Development environment the bot needs its <c>MicrosoftAppId</c>: without one, inbound authentication
/// would be off and anyone could post activities as any Teams user. Checked with the other settings at start-up, so a
/// deployment that lost the setting stops instead of serving unauthenticated requests.
/// </summary>
internal sealed class AppIdRequiredOutsideDevelopment(IHostEnvironment environment) : IValidateOptions<BotIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, BotIdentityOptions options) =>
        options.IsLocalRun && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"MicrosoftAppId is required in the '{environment.EnvironmentName}' environment: without it inbound authentication " +
                "would be off. Set MicrosoftAppId (and its credential), or run with ASPNETCORE_ENVIRONMENT=Development for a local run " +
                "with the Agents Playground.")
            : ValidateOptionsResult.Success;
}
