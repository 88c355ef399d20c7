using System.ComponentModel.DataAnnotations;

namespace LearningBot.Storage;

/// <summary>The <c>Storage</c> configuration section.</summary>
public sealed record TableStorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>Account-key connection string; used when <see cref="TableEndpoint"/> is not set.</summary>
    public string ConnectionString { get; init; } = "UseDevelopmentStorage=true";

    /// <summary>Production: the table endpoint (https://account.table.core.windows.net), reached with Entra ID.</summary>
    public Uri? TableEndpoint { get; init; }

    /// <summary>
    /// Production: the queue endpoint (https://account.queue.core.windows.net), reached with Entra ID. Left out, it is
    /// the table endpoint's account with <c>.queue.</c> for <c>.table.</c>.
    /// </summary>
    public Uri? QueueEndpoint { get; init; }

    /// <summary>Client id of a user-assigned managed identity; without it DefaultAzureCredential picks the identity.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>
    /// Put in front of every table name (letters and digits), so several deployments or test runs can share one
    /// account without seeing each other's rows. Empty in a normal deployment.
    /// </summary>
    public string TablePrefix { get; init; } = string.Empty;

    /// <summary>Table names are at most 63 characters, and a delivery's ledger table takes 38 of them.</summary>
    public const int MaxTablePrefixLength = 25;

    /// <summary>How many times a request that failed for a passing reason (busy service, lost connection, no answer) is retried.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>The first retry's delay; later ones back off exponentially (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one attempt may wait for the service before it counts as failed (and is retried). A healthy account
    /// answers in tens of milliseconds; 2 s leaves room for a slow moment, and means an account that accepts connections
    /// but never answers costs a background job about 7 s per call (three attempts and two waits), not minutes.
    /// </summary>
    public TimeSpan NetworkTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long all the storage calls of one turn may take together (see <see cref="StorageBudget"/>): with storage
    /// unreachable, a turn that needs it gives up after this and apologises, well inside the 5 s a person should wait.
    /// </summary>
    public TimeSpan TurnBudget { get; init; } = TimeSpan.FromSeconds(3);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TableEndpoint is { } endpoint)
        {
            if (!endpoint.IsAbsoluteUri || endpoint.Scheme != Uri.UriSchemeHttps)
            {
                yield return new($"{Section}:{nameof(TableEndpoint)} must be an absolute https URL (https://account.table.core.windows.net).", [nameof(TableEndpoint)]);
            }
        }
        else if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new($"{Section}:{nameof(ConnectionString)} must be set when {Section}:{nameof(TableEndpoint)} is not.", [nameof(ConnectionString)]);
        }

        if (QueueEndpoint is { } queues && (!queues.IsAbsoluteUri || queues.Scheme != Uri.UriSchemeHttps))
        {
            yield return new($"{Section}:{nameof(QueueEndpoint)} must be an absolute https URL (https://account.queue.core.windows.net).", [nameof(QueueEndpoint)]);
        }

        if (TablePrefix.Length > 0 && (!char.IsAsciiLetter(TablePrefix[0]) || !TablePrefix.All(char.IsAsciiLetterOrDigit)))
        {
            yield return new($"{Section}:{nameof(TablePrefix)} must be letters and digits, starting with a letter.", [nameof(TablePrefix)]);
        }

        // The longest table name the bot uses is a delivery's ledger: "Ledger" and a 32-character delivery id.
        if (TablePrefix.Length > MaxTablePrefixLength)
        {
            yield return new($"{Section}:{nameof(TablePrefix)} must be at most {MaxTablePrefixLength} characters (table names are at most 63).", [nameof(TablePrefix)]);
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return new($"{Section}:{nameof(MaxRetries)} must be between 0 and 10.", [nameof(MaxRetries)]);
        }

        if (RetryDelay <= TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(RetryDelay)} must be more than zero.", [nameof(RetryDelay)]);
        }

        if (MaxRetryDelay < RetryDelay)
        {
            yield return new($"{Section}:{nameof(MaxRetryDelay)} must be at least {Section}:{nameof(RetryDelay)}.", [nameof(MaxRetryDelay)]);
        }

        if (NetworkTimeout <= TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(NetworkTimeout)} must be more than zero.", [nameof(NetworkTimeout)]);
        }

        if (TurnBudget < TimeSpan.FromMilliseconds(500) || TurnBudget > TimeSpan.FromSeconds(10))
        {
            yield return new($"{Section}:{nameof(TurnBudget)} must be between 00:00:00.5 and 00:00:10 (a turn must answer well inside Teams' 15 s).", [nameof(TurnBudget)]);
        }
    }
}
