using System.Net;

namespace LearningBot.Storage.Http;

/// <summary>A fully read Table service response; the body lives in a pooled buffer until disposed.</summary>
internal sealed class TableHttpResponse : IDisposable
{
    public TableHttpResponse(HttpStatusCode status, ETag etag, string? nextPartitionKey, string? nextRowKey, string? errorCode, PooledBuffer body)
    {
        Status = status;
        ETag = etag;
        NextPartitionKey = nextPartitionKey;
        NextRowKey = nextRowKey;
        ErrorCode = errorCode;
        Body = body;
    }

    public HttpStatusCode Status { get; }

    public ETag ETag { get; }

    public string? NextPartitionKey { get; }

    public string? NextRowKey { get; }

    /// <summary>The <c>x-ms-error-code</c> header, which also covers errors sent as XML (authorization failures).</summary>
    public string? ErrorCode { get; }

    public PooledBuffer Body { get; }

    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public void Dispose() => Body.Dispose();
}
