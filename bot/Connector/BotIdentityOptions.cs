using System.ComponentModel.DataAnnotations;

namespace LearningBot.Connector;

/// <summary>
/// The bot's own identity, under the Bot Framework's usual top-level configuration names
/// (<c>MicrosoftAppType</c>, <c>MicrosoftAppId</c>, <c>MicrosoftAppPassword</c>, <c>MicrosoftAppTenantId</c>).
/// Registered once, by <see cref="BotIdentityServiceCollectionExtensions.AddBotIdentity"/>.
/// </summary>
public sealed record BotIdentityOptions : IValidatableObject
{
    /// <summary>The configuration root: these settings have no section of their own.</summary>
    public const string Section = "";

    public BotAppType MicrosoftAppType { get; init; } = BotAppType.MultiTenant;
    public string? MicrosoftAppId { get; init; }
    public string? MicrosoftAppPassword { get; init; }
    public string? MicrosoftAppTenantId { get; init; }

    /// <summary>
    /// No app id means a local run (Playground): inbound auth is off and outbound calls carry no token. Only the
    /// Development environment may start this way (<see cref="AppIdRequiredOutsideDevelopment"/>).
    /// </summary>
    public bool IsLocalRun => string.IsNullOrWhiteSpace(MicrosoftAppId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(MicrosoftAppType))
        {
            yield return new($"MicrosoftAppType must be one of {string.Join(", ", Enum.GetNames<BotAppType>())}.", [nameof(MicrosoftAppType)]);
        }

        if (IsLocalRun)
        {
            yield break;
        }

        if (!Guid.TryParse(MicrosoftAppId, out _))
        {
            yield return new("MicrosoftAppId must be a client id (a GUID): the app registration's, or the managed identity's.", [nameof(MicrosoftAppId)]);
        }

        if ((MicrosoftAppType is BotAppType.MultiTenant or BotAppType.SingleTenant) && string.IsNullOrWhiteSpace(MicrosoftAppPassword))
        {
            yield return new($"MicrosoftAppPassword is required when MicrosoftAppType is {MicrosoftAppType} and MicrosoftAppId is set.", [nameof(MicrosoftAppPassword)]);
        }

        if (MicrosoftAppType == BotAppType.SingleTenant && string.IsNullOrWhiteSpace(MicrosoftAppTenantId))
        {
            yield return new("MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant.", [nameof(MicrosoftAppTenantId)]);
        }
    }
}
