using System.ComponentModel.DataAnnotations;

namespace LearningBot.Delivery.Sending;

/// <summary>
/// How the bot reaches people who have no chat with it yet (section <c>Delivery:Reach</c>). <see cref="ServiceUrl"/> and
/// <see cref="TenantId"/> may be left out: any conversation the bot has stored for the tenant gives them.
/// </summary>
public sealed record RecipientReachOptions : IValidatableObject
{
    public const string Section = "Delivery:Reach";

    /// <summary>The Bot Connector of the tenant's region, for example <c>https://smba.trafficmanager.net/uk/</c>.</summary>
    public string? ServiceUrl { get; init; }

    /// <summary>The Entra tenant the bot serves; also names the tenant's shared send budget.</summary>
    public string? TenantId { get; init; }

    /// <summary>
    /// The app's id in the organisation's Teams app catalogue (not the manifest id), used to install the app for someone
    /// who does not have it. Unset: nobody is installed for, and people without the app are reported unreachable.
    /// </summary>
    public string? TeamsAppId { get; init; }

    /// <summary>The wait before opening the chat again after installing the app; doubled for each later try.</summary>
    public TimeSpan InstallWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times the chat is tried again after an install before the recipient is requeued.</summary>
    public int InstallRetries { get; init; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ServiceUrl is not null
            && (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new($"{Section}:{nameof(ServiceUrl)} must be an absolute http(s) URL such as https://smba.trafficmanager.net/uk/.", [nameof(ServiceUrl)]);
        }

        if (TeamsAppId is not null && !Guid.TryParse(TeamsAppId, out _))
        {
            yield return new($"{Section}:{nameof(TeamsAppId)} must be the app catalogue's id (a GUID).", [nameof(TeamsAppId)]);
        }

        if (InstallWait <= TimeSpan.Zero || InstallWait > TimeSpan.FromSeconds(30))
        {
            yield return new($"{Section}:{nameof(InstallWait)} must be more than zero and at most 00:00:30.", [nameof(InstallWait)]);
        }

        if (InstallRetries is < 0 or > 10)
        {
            yield return new($"{Section}:{nameof(InstallRetries)} must be between 0 and 10.", [nameof(InstallRetries)]);
        }
    }
}
