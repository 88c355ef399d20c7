namespace LearningBot.Storage.Http;

/// <summary>Whether a request may be sent again after a fault that leaves its outcome unknown.</summary>
internal enum RetrySafety
{
    /// <summary>Reads, upserts, unconditional updates and deletes: repeating them cannot change the outcome.</summary>
    Idempotent,

    /// <summary>
    /// Adds, ETag-conditional updates and transactions: if a first attempt timed out after the service applied it,
    /// a retry would turn that success into a 409 or 412. These are retried only when the service certainly did
    /// not apply them (the connection never opened, or 503 Server Busy); otherwise the caller sees the fault and
    /// can re-read to find out what happened.
    /// </summary>
    OnlyIfNotApplied,
}

/// <summary>One logical Table service call; rebuilt into a fresh HTTP message for each attempt.</summary>
internal sealed class TableRequest
{
    public required HttpMethod Method { get; init; }

    public required Uri Uri { get; init; }

    /// <summary>Short name for logs and error messages, e.g. "AddEntity".</summary>
    public required string Operation { get; init; }

    public string? Table { get; init; }

    public ReadOnlyMemory<byte> Body { get; init; }

    public string? ContentType { get; init; }

    public ETag IfMatch { get; init; }

    public bool PreferNoContent { get; init; }

    public RetrySafety Safety { get; init; } = RetrySafety.Idempotent;
}
