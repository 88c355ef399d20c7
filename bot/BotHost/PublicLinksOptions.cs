using Microsoft.Extensions.Options;

namespace LearningBot.BotHost;

/// <summary>
/// The deployment's public address and the key that signs every link that expires (section <c>PublicLinks</c>):
/// printable reviews, printable learning needs analyses, delivery reports and the signal slip's address.
/// </summary>
public sealed record PublicLinksOptions
{
    public const string Section = "PublicLinks";

    // Deployments from before this section set these under FiveMinuteReview; they are still read when the new ones are
    // unset, so those deployments keep working and links already sent stay valid.
    public const string OlderBaseUrlSetting = "FiveMinuteReview:PublicBaseUrl";
    public const string OlderSigningKeySetting = "FiveMinuteReview:LinkSigningKey";

    /// <summary>The bot's public address (for example https://learningbot.example.org); when unset, the address a request came to, if any.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// Base64 key (32 bytes or more) that signs links, shared by every instance. Required outside the Development
    /// environment; a Development run without it makes one at start-up, and its links stop working on restart.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>The setting <see cref="BaseUrl"/> came from, to name it when it is wrong.</summary>
    internal string BaseUrlSetting { get; set; } = $"{Section}:{nameof(BaseUrl)}";

    /// <summary>The setting <see cref="SigningKey"/> came from, to name it when it is wrong.</summary>
    internal string SigningKeySetting { get; set; } = $"{Section}:{nameof(SigningKey)}";

    internal static void FallBackToOlderSettings(PublicLinksOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl) && configuration[OlderBaseUrlSetting] is { Length: > 0 } baseUrl)
        {
            options.BaseUrl = baseUrl;
            options.BaseUrlSetting = OlderBaseUrlSetting;
        }

        if (string.IsNullOrWhiteSpace(options.SigningKey) && configuration[OlderSigningKeySetting] is { Length: > 0 } key)
        {
            options.SigningKey = key;
            options.SigningKeySetting = OlderSigningKeySetting;
        }
    }
}

/// <summary>
/// Checks the public links settings at start-up. Outside Development the key is required: a key made at start-up
/// would break every link sent so far when the bot restarts, and links made on one instance would not work on another.
/// The Azure deployment provides it from Key Vault (<c>infra/main.bicep</c>).
/// </summary>
internal sealed class PublicLinksValidation(IHostEnvironment environment) : IValidateOptions<PublicLinksOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicLinksOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            if (!environment.IsDevelopment())
            {
                failures.Add($"{options.SigningKeySetting} is required in the '{environment.EnvironmentName}' environment, so that signed links " +
                    "keep working when the bot restarts: set a base64 key of 32 bytes or more, shared by every instance (the Azure deployment " +
                    $"takes it from Key Vault; older deployments may set {PublicLinksOptions.OlderSigningKeySetting} instead).");
            }
        }
        else if (SignedLinks.KeyBytes(options.SigningKey) is null)
        {
            failures.Add($"{options.SigningKeySetting} must be base64 for at least 32 bytes.");
        }

        if (!string.IsNullOrWhiteSpace(options.BaseUrl)
            && (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"{options.BaseUrlSetting} must be an absolute http(s) URL, such as https://learningbot.example.org.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
