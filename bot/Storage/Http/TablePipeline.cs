using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LearningBot.Storage.Http;

/// <summary>
/// Sends Table service requests over one pooled connection handler: standard headers, authorization,
/// per-attempt timeout, jittered exponential retries for transient faults, and structured logs without secrets.
/// </summary>
internal sealed partial class TablePipeline : IDisposable
{
    internal const string ServiceVersion = "2019-02-02";
    internal const string JsonContentType = "application/json";
    internal const string AcceptMinimalMetadata = "application/json;odata=minimalmetadata";

    private static readonly MediaTypeWithQualityHeaderValue AcceptHeader = MediaTypeWithQualityHeaderValue.Parse(AcceptMinimalMetadata);

    private readonly HttpClient _http;
    private readonly ITableRequestAuthorizer _authorizer;
    private readonly TableClientOptions _options;
    private readonly ILogger _logger;

    public TablePipeline(ITableRequestAuthorizer authorizer, TableClientOptions options, ILogger logger, HttpMessageHandler? handler = null)
    {
        _authorizer = authorizer;
        _options = options;
        _logger = logger;
        _http = new HttpClient(handler ?? CreateHandler(), disposeHandler: true)
        {
            // Attempts carry their own timeout (TryTimeout); the client-wide one is only a backstop.
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public async Task<TableHttpResponse> SendAsync(TableRequest request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var retryReason = (string?)null;
            using (var tryTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                tryTimeout.CancelAfter(_options.TryTimeout);
                try
                {
                    var response = await SendOnceAsync(request, tryTimeout.Token).ConfigureAwait(false);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    if (attempt < _options.MaxRetries && IsRetryableStatus(response.Status, request.Safety))
                    {
                        retryReason = $"status {(int)response.Status}";
                        response.Dispose();
                    }
                    else
                    {
                        LogResponse(_logger, request.Operation, request.Table, (int)response.Status, elapsed, attempt + 1);
                        return response;
                    }
                }
                catch (HttpRequestException ex) when (attempt < _options.MaxRetries && IsRetryableConnectionFault(ex, request.Safety))
                {
                    retryReason = ex.HttpRequestError.ToString();
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    if (attempt >= _options.MaxRetries || request.Safety != RetrySafety.Idempotent)
                    {
                        throw new TableStorageException(0, "Timeout", TableErrorKind.Transient,
                            $"{request.Operation}: no response within {_options.TryTimeout.TotalSeconds:0.#} s (attempt {attempt + 1}).");
                    }

                    retryReason = "timeout";
                }
                catch (HttpRequestException ex)
                {
                    throw new TableStorageException(0, ex.HttpRequestError.ToString(), TableErrorKind.Transient,
                        $"{request.Operation}: the Table service could not be reached ({ex.HttpRequestError}, attempt {attempt + 1}).", ex);
                }
            }

            var delay = RetryDelay(attempt);
            LogRetry(_logger, request.Operation, request.Table, retryReason, attempt + 1, delay.TotalMilliseconds);
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _http.Dispose();

    internal static TableStorageException ToException(TableHttpResponse response, string operation)
    {
        var (code, message) = ReadError(response.Body.WrittenSpan);
        return TableStorageException.Create(response.Status, code ?? response.ErrorCode, message, operation);
    }

    /// <summary>Reads <c>{"odata.error":{"code":…,"message":{"value":…}}}</c>; tolerant of anything else.</summary>
    internal static (string? Code, string? Message) ReadError(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null);
        }

        if (body[0] == (byte)'<')
        {
            return (null, XmlElement(body, "Message"u8));
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            string? code = null, message = null;
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (reader.ValueTextEquals("code"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    code = reader.GetString();
                }
                else if (reader.ValueTextEquals("value"u8) && reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    message = reader.GetString();
                }
            }

            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>Authorization failures come back as a small XML document; only its message is wanted.</summary>
    private static string? XmlElement(ReadOnlySpan<byte> body, ReadOnlySpan<byte> name)
    {
        Span<byte> open = stackalloc byte[name.Length + 2];
        open[0] = (byte)'<';
        name.CopyTo(open[1..]);
        open[^1] = (byte)'>';
        var start = body.IndexOf(open);
        if (start < 0)
        {
            return null;
        }

        var content = body[(start + open.Length)..];
        var end = content.IndexOf("</"u8);
        return System.Text.Encoding.UTF8.GetString(end < 0 ? content : content[..end]);
    }

    private async Task<TableHttpResponse> SendOnceAsync(TableRequest request, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        var headers = message.Headers;
        headers.TryAddWithoutValidation("x-ms-version", ServiceVersion);
        headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        headers.TryAddWithoutValidation("MaxDataServiceVersion", "3.0;NetFx");
        headers.Accept.Add(AcceptHeader);
        if (!request.IfMatch.IsEmpty)
        {
            headers.TryAddWithoutValidation("If-Match", request.IfMatch.ToString());
        }

        if (request.PreferNoContent)
        {
            headers.TryAddWithoutValidation("Prefer", "return-no-content");
        }

        if (request.ContentType is not null)
        {
            message.Content = new ReadOnlyMemoryContent(request.Body);
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }

        await _authorizer.AuthorizeAsync(message, request.ContentType, cancellationToken).ConfigureAwait(false);

        using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var body = await PooledBuffer.ReadAllAsync(stream, response.Content.Headers.ContentLength, cancellationToken).ConfigureAwait(false);
            return new TableHttpResponse(
                response.StatusCode,
                ETag.FromHeader(Header(response, "ETag")),
                Header(response, "x-ms-continuation-NextPartitionKey"),
                Header(response, "x-ms-continuation-NextRowKey"),
                response.IsSuccessStatusCode ? null : Header(response, "x-ms-error-code"),
                body);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.NonValidated.TryGetValues(name, out var values) ? values.ToString() : null;

    private static bool IsRetryableStatus(HttpStatusCode status, RetrySafety safety) => (int)status switch
    {
        503 => true, // Server Busy: the service refused the request before applying it.
        408 or 500 or 502 or 504 => safety == RetrySafety.Idempotent,
        _ => false,
    };

    private static bool IsRetryableConnectionFault(HttpRequestException ex, RetrySafety safety) =>
        ex.HttpRequestError == HttpRequestError.ConnectionError
        || (safety == RetrySafety.Idempotent && ex.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.Unknown);

    private TimeSpan RetryDelay(int attempt)
    {
        var exponential = _options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt);
        var jittered = exponential * (0.8 + (Random.Shared.NextDouble() * 0.4));
        return TimeSpan.FromMilliseconds(Math.Min(jittered, _options.MaxRetryDelay.TotalMilliseconds));
    }

    private static SocketsHttpHandler CreateHandler() => new()
    {
        // Recycle connections so DNS changes (failover) are picked up; keep idle ones briefly.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        UseProxy = true,
        ConnectTimeout = TimeSpan.FromSeconds(10),
    };

    [LoggerMessage(EventId = 4100, Level = LogLevel.Debug, Message = "Table {Operation} on {Table} answered {Status} in {ElapsedMs:0.0} ms (attempt {Attempt})")]
    private static partial void LogResponse(ILogger logger, string operation, string? table, int status, double elapsedMs, int attempt);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Table {Operation} on {Table} failed transiently ({Reason}) on attempt {Attempt}; retrying in {DelayMs:0} ms")]
    private static partial void LogRetry(ILogger logger, string operation, string? table, string? reason, int attempt, double delayMs);
}
