namespace LearningBot.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed record TableStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>Account-key connection string; used when <see cref="TableEndpoint"/> is not set.</summary>
    public string ConnectionString { get; init; } = "UseDevelopmentStorage=true";

    /// <summary>Production: the table endpoint (https://account.table.core.windows.net), reached with Entra ID.</summary>
    public Uri? TableEndpoint { get; init; }

    /// <summary>Client id of a user-assigned managed identity; without it DefaultAzureCredential picks the identity.</summary>
    public string? ManagedIdentityClientId { get; init; }
}
