using Microsoft.Extensions.Options;

namespace LearningBot.FiveMinuteReview;

/// <summary>
/// Outside the Development environment printable review links need a shared, lasting signing key
/// (<c>FiveMinuteReview:LinkSigningKey</c>): a key made at start-up would break every link sent so far when the bot
/// restarts, and links made on one instance would not work on another. The deployment provides it from Key Vault
/// (<c>infra/main.bicep</c>). Checked with the other settings at start-up.
/// </summary>
internal sealed class LinkSigningKeyRequiredOutsideDevelopment(IHostEnvironment environment) : IValidateOptions<ReviewOptions>
{
    public ValidateOptionsResult Validate(string? name, ReviewOptions options) =>
        string.IsNullOrWhiteSpace(options.LinkSigningKey) && !environment.IsDevelopment()
            ? ValidateOptionsResult.Fail(
                $"{ReviewOptions.Section}:{nameof(ReviewOptions.LinkSigningKey)} is required in the '{environment.EnvironmentName}' " +
                "environment, so that printable review links keep working when the bot restarts: set a base64 key of 32 bytes or more, " +
                "shared by every instance (the Azure deployment takes it from Key Vault).")
            : ValidateOptionsResult.Success;
}
