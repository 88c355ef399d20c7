using System.Net;

namespace LearningBot.Storage;

/// <summary>What went wrong, for callers that branch on the failure rather than on the status code.</summary>
public enum TableErrorKind
{
    Other,
    NotFound,
    EntityAlreadyExists,
    ConcurrencyConflict,
    TableAlreadyExists,
    Throttled,
    Transient,
}

/// <summary>A request the Table service refused, with its HTTP status and the service's error code.</summary>
public class TableStorageException : Exception
{
    public TableStorageException(string message) : base(message)
    {
    }

    public TableStorageException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public TableStorageException(int status, string? errorCode, TableErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
        Kind = kind;
    }

    public TableStorageException()
    {
    }

    /// <summary>HTTP status, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>The service's error code (e.g. <c>EntityAlreadyExists</c>), when it sent one.</summary>
    public string? ErrorCode { get; }

    public TableErrorKind Kind { get; }

    internal static TableStorageException Create(HttpStatusCode status, string? errorCode, string? serviceMessage, string operation)
    {
        var code = (int)status;
        var detail = string.IsNullOrEmpty(serviceMessage) ? string.Empty : $" Service said: {FirstLine(serviceMessage)}";
        return (code, errorCode) switch
        {
            (409, "TableAlreadyExists") => new TableStorageException(code, errorCode, TableErrorKind.TableAlreadyExists, $"{operation}: the table already exists.{detail}"),
            (409, _) => new EntityAlreadyExistsException(errorCode, $"{operation}: an entity with this PartitionKey and RowKey already exists.{detail}"),
            (412, _) => new ConcurrencyConflictException(errorCode, $"{operation}: the entity was changed or removed since it was read (ETag mismatch); read it again and retry.{detail}"),
            (404, "TableNotFound") => new TableStorageException(code, errorCode, TableErrorKind.NotFound,
                $"{operation}: the table does not exist; create it first (CreateIfNotExistsAsync).{detail}"),
            (404, _) => new EntityNotFoundException(errorCode, $"{operation}: not found ({errorCode ?? "ResourceNotFound"}).{detail}"),
            (503, _) => new TableStorageException(code, errorCode, TableErrorKind.Throttled, $"{operation}: the service is busy (503).{detail}"),
            (>= 500, _) => new TableStorageException(code, errorCode, TableErrorKind.Transient, $"{operation}: server error {code}.{detail}"),
            _ => new TableStorageException(code, errorCode, TableErrorKind.Other, $"{operation}: failed with {code} {errorCode}.{detail}"),
        };
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end].TrimEnd('\r');
    }
}

/// <summary>409: an add found an entity with the same keys.</summary>
public sealed class EntityAlreadyExistsException : TableStorageException
{
    public EntityAlreadyExistsException(string? errorCode, string message) : base(409, errorCode, TableErrorKind.EntityAlreadyExists, message)
    {
    }
}

/// <summary>412: the <c>If-Match</c> ETag no longer matches; read the entity again, reapply the change and retry.</summary>
public sealed class ConcurrencyConflictException : TableStorageException
{
    public ConcurrencyConflictException(string? errorCode, string message) : base(412, errorCode, TableErrorKind.ConcurrencyConflict, message)
    {
    }
}

/// <summary>404: the table or entity does not exist.</summary>
public sealed class EntityNotFoundException : TableStorageException
{
    public EntityNotFoundException(string? errorCode, string message) : base(404, errorCode, TableErrorKind.NotFound, message)
    {
    }
}

/// <summary>An entity group transaction was refused; nothing in it was written.</summary>
public sealed class TableTransactionFailedException : TableStorageException
{
    public TableTransactionFailedException(int status, string? errorCode, TableErrorKind kind, int? failedActionIndex, string message)
        : base(status, errorCode, kind, message)
    {
        FailedActionIndex = failedActionIndex;
    }

    /// <summary>Zero-based index of the action the service rejected, when it said which.</summary>
    public int? FailedActionIndex { get; }
}
