using Azure;
using Azure.Identity;

namespace LearningBot.Storage;

/// <summary>
/// What a refused table request means for a store, read from the status of Azure.Data.Tables'
/// <see cref="RequestFailedException"/> (and its <c>TableTransactionFailedException</c> for entity-group transactions).
/// </summary>
public static class TableErrors
{
    /// <summary>409 on an entity: an add found an entity with the same keys.</summary>
    public static bool IsAlreadyExists(this RequestFailedException exception) =>
        exception.Status == 409 && exception.ErrorCode != "TableAlreadyExists";

    /// <summary>412: the If-Match ETag no longer matches; someone else wrote first. Read again, decide again.</summary>
    public static bool IsConcurrencyConflict(this RequestFailedException exception) => exception.Status == 412;

    /// <summary>404: no such entity (or table).</summary>
    public static bool IsNotFound(this RequestFailedException exception) => exception.Status == 404;

    /// <summary>
    /// Storage could not be used just now (unreachable, silent, busy, refused, or the managed identity could not get a
    /// token): the turn tells the person and nothing is half-written. A call that got no answer arrives as a
    /// <see cref="RequestFailedException"/> from <see cref="StorageRetryPolicy"/>; the SDK's own
    /// <see cref="AggregateException"/> of failed attempts counts too. Anything else that is not ours to expect is still a
    /// bug and surfaces as one, and a caller's cancellation is cancellation, not a storage failure.
    /// </summary>
    public static bool IsStorageFailure(Exception exception) => exception switch
    {
        RequestFailedException or HttpRequestException or TimeoutException => true,
        AuthenticationFailedException or CredentialUnavailableException => true,
        AggregateException { InnerExceptions.Count: > 0 } aggregate =>
            aggregate.InnerExceptions.All(inner => inner is OperationCanceledException || IsStorageFailure(inner)),
        _ => false,
    };
}
