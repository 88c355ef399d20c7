namespace LearningBot.Connector.Client;

/// <summary>
/// Which hosts may receive the bot's bearer token, bound from the <c>BotAuthentication</c> section.
/// Each entry matches the host itself or any subdomain of it; https only.
/// </summary>
public sealed record ConnectorClientOptions
{
    public const string SectionName = "BotAuthentication";

    public static readonly IReadOnlyList<string> DefaultAllowedConnectorHosts =
    [
        "botframework.com",
        "smba.trafficmanager.net",
        "teams.microsoft.com",
        "teams.microsoft.us",
        "smba.infra.gcc.teams.microsoft.com",
        "smba.infra.gov.teams.microsoft.us",
    ];

    /// <summary>Null or empty means <see cref="DefaultAllowedConnectorHosts"/>.</summary>
    public IReadOnlyList<string>? AllowedConnectorHosts { get; init; }

    public IReadOnlyList<string> EffectiveAllowedConnectorHosts =>
        AllowedConnectorHosts is { Count: > 0 } hosts ? hosts : DefaultAllowedConnectorHosts;
}

/// <summary>Timeouts and retry limits of outbound connector calls, bound from the <c>ConnectorClient</c> section.</summary>
public sealed record ConnectorRetryOptions
{
    public const string SectionName = "ConnectorClient";

    /// <summary>Retries after the first attempt.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Base of the exponential backoff used when the service gives no Retry-After.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest single wait. A Retry-After beyond it is not waited out: the call fails with <see cref="ConnectorException.RetryAfter"/> set.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest total time spent waiting between attempts of one call.</summary>
    public TimeSpan MaxTotalDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Timeout of each attempt.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
