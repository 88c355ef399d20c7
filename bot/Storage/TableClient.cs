using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using LearningBot.Storage.Http;
using LearningBot.Storage.Serialization;

namespace LearningBot.Storage;

/// <summary>The Table service REST API for one table. Get one from <see cref="TableServiceClient.GetTableClient"/>; it is thread-safe.</summary>
public sealed class TableClient : ITableClient
{
    private readonly TablePipeline _pipeline;
    private readonly string _serviceBase;
    private readonly string _tableBase;

    internal TableClient(TablePipeline pipeline, string serviceBase, string tableName)
    {
        TableEntityRules.ValidateTableName(tableName);
        _pipeline = pipeline;
        _serviceBase = serviceBase;
        _tableBase = $"{serviceBase}/{tableName}";
        Name = tableName;
    }

    public string Name { get; }

    /// <inheritdoc cref="TableFilter.Create"/>
    public static string CreateQueryFilter(FormattableString filter) => TableFilter.Create(filter);

    public async Task<TableResponse> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        using var body = new PooledBuffer(128);
        var writer = JsonSetup.RentWriter(body);
        writer.WriteStartObject();
        writer.WriteString("TableName"u8, Name);
        writer.WriteEndObject();
        writer.Flush();

        using var response = await SendAsync(HttpMethod.Post, new Uri($"{_serviceBase}/Tables"), "CreateTable", body.WrittenMemory,
            preferNoContent: true, safety: RetrySafety.Idempotent, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.IsSuccess || response.Status == HttpStatusCode.Conflict
            ? new TableResponse((int)response.Status, default)
            : throw TablePipeline.ToException(response, $"Create table {Name}");
    }

    public async Task DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, new Uri($"{_serviceBase}/Tables('{Name}')"), "DeleteTable",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess && response.Status != HttpStatusCode.NotFound)
        {
            throw TablePipeline.ToException(response, $"Delete table {Name}");
        }
    }

    public async Task<TableResponse> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var body = Serialize(entity);
        using var response = await SendAsync(HttpMethod.Post, new Uri(_tableBase), "AddEntity", body.WrittenMemory,
            preferNoContent: true, safety: RetrySafety.OnlyIfNotApplied, cancellationToken: cancellationToken).ConfigureAwait(false);
        return Written(response, "Add entity");
    }

    public async Task<T> GetEntityAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity =>
        await GetEntityIfExistsAsync<T>(partitionKey, rowKey, select, cancellationToken).ConfigureAwait(false)
        ?? throw new EntityNotFoundException("ResourceNotFound", $"Get entity: ({partitionKey}, {rowKey}) does not exist in table {Name}.");

    public async Task<T?> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var uri = EntityUri(partitionKey, rowKey, select is null ? null : "?$select=" + Uri.EscapeDataString(string.Join(',', select)));
        using var response = await SendAsync(HttpMethod.Get, uri, "GetEntity", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.Status == HttpStatusCode.NotFound && !IsTableMissing(response))
        {
            return null;
        }

        if (!response.IsSuccess)
        {
            throw TablePipeline.ToException(response, "Get entity");
        }

        var reader = new Utf8JsonReader(response.Body.WrittenSpan);
        reader.Read();
        return EntityReaders<T>.Instance.Read(ref reader);
    }

    public async Task<TableResponse> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        using var body = Serialize(entity);
        using var response = await SendAsync(UpdateMethod(mode), EntityUri(entity.PartitionKey, entity.RowKey), "UpsertEntity", body.WrittenMemory,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return Written(response, "Upsert entity");
    }

    public async Task<TableResponse> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (ifMatch.IsEmpty)
        {
            throw new ArgumentException("Pass the ETag read with the entity, or ETag.All for an unconditional update.", nameof(ifMatch));
        }

        using var body = Serialize(entity);
        using var response = await SendAsync(UpdateMethod(mode), EntityUri(entity.PartitionKey, entity.RowKey), "UpdateEntity", body.WrittenMemory,
            ifMatch: ifMatch, safety: ifMatch == ETag.All ? RetrySafety.Idempotent : RetrySafety.OnlyIfNotApplied,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return Written(response, "Update entity");
    }

    public async Task<TableResponse> DeleteEntityAsync(string partitionKey, string rowKey, ETag ifMatch = default, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Delete, EntityUri(partitionKey, rowKey), "DeleteEntity",
            ifMatch: ifMatch.IsEmpty ? ETag.All : ifMatch, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.IsSuccess || (response.Status == HttpStatusCode.NotFound && !IsTableMissing(response))
            ? new TableResponse((int)response.Status, default)
            : throw TablePipeline.ToException(response, "Delete entity");
    }

    public async IAsyncEnumerable<T> QueryAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        var selectList = select?.ToArray();
        string? continuation = null;
        do
        {
            var page = await QueryPageAsync<T>(filter, maxPerPage, selectList, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Values)
            {
                yield return entity;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }

    public async Task<TablePage<T>> QueryPageAsync<T>(string? filter = null, int? maxPerPage = null, IEnumerable<string>? select = null,
        string? continuationToken = null, CancellationToken cancellationToken = default)
        where T : class, ITableEntity
    {
        using var response = await SendAsync(HttpMethod.Get, QueryUri(filter, maxPerPage, select, continuationToken), "QueryEntities",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccess)
        {
            throw TablePipeline.ToException(response, $"Query table {Name}");
        }

        var values = ReadPage<T>(response.Body.WrittenSpan);
        var next = response.NextPartitionKey is null ? null
            : response.NextRowKey is null ? response.NextPartitionKey
            : $"{response.NextPartitionKey} {response.NextRowKey}";
        return new TablePage<T>(values, next);
    }

    public async Task<IReadOnlyList<TableResponse>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var list = actions as IReadOnlyList<TableTransactionAction> ?? actions.ToList();
        var batch = new TableTransaction(this, list);
        using var body = batch.WriteBody();
        using var response = await _pipeline.SendAsync(new TableRequest
        {
            Method = HttpMethod.Post,
            Uri = new Uri($"{_serviceBase}/$batch"),
            Operation = "SubmitTransaction",
            Table = Name,
            Body = body.WrittenMemory,
            ContentType = batch.ContentType,
            Safety = batch.Safety,
        }, cancellationToken).ConfigureAwait(false);
        return batch.ReadResponse(response);
    }

    internal Uri EntityUri(string partitionKey, string rowKey, string? query = null)
    {
        TableEntityRules.ValidateKey(partitionKey, nameof(ITableEntity.PartitionKey));
        TableEntityRules.ValidateKey(rowKey, nameof(ITableEntity.RowKey));
        return new Uri(string.Concat(_tableBase, "(PartitionKey='", KeyLiteral(partitionKey), "',RowKey='", KeyLiteral(rowKey), "')", query));
    }

    internal Uri EntityUriForAdd() => new(_tableBase);

    internal static PooledBuffer Serialize(ITableEntity entity)
    {
        var body = new PooledBuffer();
        try
        {
            var writer = JsonSetup.RentWriter(body);
            EntityWriters.For(entity).Write(writer, entity);
            writer.Flush();
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    internal static HttpMethod UpdateMethod(TableUpdateMode mode) => mode == TableUpdateMode.Replace ? HttpMethod.Put : HttpMethod.Patch;

    /// <summary>A key inside <c>(PartitionKey='…')</c>: quotes doubled, then percent-encoded.</summary>
    private static string KeyLiteral(string key) => Uri.EscapeDataString(key.Contains('\'', StringComparison.Ordinal) ? key.Replace("'", "''", StringComparison.Ordinal) : key);

    private Uri QueryUri(string? filter, int? maxPerPage, IEnumerable<string>? select, string? continuationToken)
    {
        var uri = new StringBuilder(_tableBase.Length + 64 + (filter?.Length ?? 0)).Append(_tableBase).Append("()");
        var separator = '?';
        void Add(string name, string value)
        {
            uri.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        if (!string.IsNullOrEmpty(filter))
        {
            Add("$filter", filter);
        }

        if (select is not null)
        {
            Add("$select", string.Join(',', select));
        }

        if (maxPerPage is { } top)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top, nameof(maxPerPage));
            Add("$top", Math.Min(top, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(continuationToken))
        {
            var space = continuationToken.IndexOf(' ', StringComparison.Ordinal);
            Add("NextPartitionKey", space < 0 ? continuationToken : continuationToken[..space]);
            if (space >= 0)
            {
                Add("NextRowKey", continuationToken[(space + 1)..]);
            }
        }

        return new Uri(uri.ToString());
    }

    private static List<T> ReadPage<T>(ReadOnlySpan<byte> body)
        where T : class, ITableEntity
    {
        var values = new List<T>();
        var entityReader = EntityReaders<T>.Instance;
        var reader = new Utf8JsonReader(body);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isValue = reader.ValueTextEquals("value"u8);
            reader.Read();
            if (!isValue)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
            {
                values.Add(entityReader.Read(ref reader));
            }
        }

        return values;
    }

    /// <summary>A 404 for a missing table is a setup fault, never "no such entity".</summary>
    private static bool IsTableMissing(TableHttpResponse response) =>
        (response.ErrorCode ?? TablePipeline.ReadError(response.Body.WrittenSpan).Code) == "TableNotFound";

    private TableResponse Written(TableHttpResponse response, string operation) => response.IsSuccess
        ? new TableResponse((int)response.Status, response.ETag)
        : throw TablePipeline.ToException(response, $"{operation} in table {Name}");

    private Task<TableHttpResponse> SendAsync(HttpMethod method, Uri uri, string operation, ReadOnlyMemory<byte> body = default,
        ETag ifMatch = default, bool preferNoContent = false, RetrySafety safety = RetrySafety.Idempotent, CancellationToken cancellationToken = default) =>
        _pipeline.SendAsync(new TableRequest
        {
            Method = method,
            Uri = uri,
            Operation = operation,
            Table = Name,
            Body = body,
            ContentType = body.IsEmpty ? null : TablePipeline.JsonContentType,
            IfMatch = ifMatch,
            PreferNoContent = preferNoContent,
            Safety = safety,
        }, cancellationToken);
}
