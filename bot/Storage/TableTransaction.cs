using System.Globalization;
using System.Net;
using System.Text;
using LearningBot.Storage.Http;

namespace LearningBot.Storage;

/// <summary>
/// An entity group transaction as the <c>$batch</c> endpoint expects it: one multipart/mixed batch holding one
/// changeset, each action an embedded HTTP request with an absolute URL.
/// </summary>
internal sealed class TableTransaction
{
    private const string Crlf = "\r\n";

    private readonly TableClient _table;
    private readonly IReadOnlyList<TableTransactionAction> _actions;
    private readonly string _batchBoundary = $"batch_{Guid.NewGuid():D}";
    private readonly string _changesetBoundary = $"changeset_{Guid.NewGuid():D}";

    public TableTransaction(TableClient table, IReadOnlyList<TableTransactionAction> actions)
    {
        _table = table;
        _actions = actions;
        Validate();
    }

    public string ContentType => $"multipart/mixed; boundary={_batchBoundary}";

    /// <summary>Only a batch of upserts and unconditional updates can be repeated without a 409/404/412 surprise.</summary>
    public RetrySafety Safety => _actions.All(a => a.ActionType is TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpsertReplace
        || (a.ActionType is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace && (a.ETag.IsEmpty || a.ETag == ETag.All)))
        ? RetrySafety.Idempotent
        : RetrySafety.OnlyIfNotApplied;

    public PooledBuffer WriteBody()
    {
        var body = new PooledBuffer(16 * 1024);
        try
        {
            Text(body, $"--{_batchBoundary}{Crlf}Content-Type: multipart/mixed; boundary={_changesetBoundary}{Crlf}{Crlf}");
            foreach (var action in _actions)
            {
                WriteAction(body, action);
            }

            Text(body, $"--{_changesetBoundary}--{Crlf}--{_batchBoundary}--{Crlf}");
            if (body.Length > TableEntityRules.MaxTransactionBytes)
            {
                throw new ArgumentException(
                    $"The transaction is {body.Length} bytes; the Table service accepts at most {TableEntityRules.MaxTransactionBytes} (4 MiB).", "actions");
            }

            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public IReadOnlyList<TableResponse> ReadResponse(TableHttpResponse response)
    {
        if (response.Status != HttpStatusCode.Accepted)
        {
            throw TablePipeline.ToException(response, $"Transaction on table {_table.Name}");
        }

        var parts = ParseParts(Encoding.UTF8.GetString(response.Body.WrittenSpan));
        var failed = parts.FindIndex(p => p.Status >= 400);
        if (failed >= 0)
        {
            throw Failure(parts[failed], parts.Count == 1 ? null : failed);
        }

        return parts.Select(p => new TableResponse(p.Status, ETag.FromHeader(p.ETag))).ToList();
    }

    private void Validate()
    {
        if (_actions.Count is 0 or > TableEntityRules.MaxTransactionActions)
        {
            throw new ArgumentException($"A transaction holds 1 to {TableEntityRules.MaxTransactionActions} actions; this one has {_actions.Count}.", "actions");
        }

        var partitionKey = _actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in _actions)
        {
            ArgumentNullException.ThrowIfNull(action.Entity, "actions");
            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"All actions in a transaction must share one PartitionKey; found '{partitionKey}' and '{action.Entity.PartitionKey}'.", "actions");
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"A transaction may touch each entity once; RowKey '{action.Entity.RowKey}' appears twice.", "actions");
            }
        }
    }

    private void WriteAction(PooledBuffer body, TableTransactionAction action)
    {
        var entity = action.Entity;
        var (method, uri, ifMatch, hasBody) = action.ActionType switch
        {
            TableTransactionActionType.Add => ("POST", _table.EntityUriForAdd(), default(ETag), true),
            TableTransactionActionType.UpsertMerge => ("PATCH", _table.EntityUri(entity.PartitionKey, entity.RowKey), default, true),
            TableTransactionActionType.UpsertReplace => ("PUT", _table.EntityUri(entity.PartitionKey, entity.RowKey), default, true),
            TableTransactionActionType.UpdateMerge => ("PATCH", _table.EntityUri(entity.PartitionKey, entity.RowKey), OrAll(action.ETag), true),
            TableTransactionActionType.UpdateReplace => ("PUT", _table.EntityUri(entity.PartitionKey, entity.RowKey), OrAll(action.ETag), true),
            TableTransactionActionType.Delete => ("DELETE", _table.EntityUri(entity.PartitionKey, entity.RowKey), OrAll(action.ETag), false),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown transaction action."),
        };

        var head = new StringBuilder(256)
            .Append("--").Append(_changesetBoundary).Append(Crlf)
            .Append("Content-Type: application/http").Append(Crlf)
            .Append("Content-Transfer-Encoding: binary").Append(Crlf).Append(Crlf)
            .Append(method).Append(' ').Append(uri.AbsoluteUri).Append(" HTTP/1.1").Append(Crlf)
            .Append("Accept: ").Append(TablePipeline.AcceptMinimalMetadata).Append(Crlf)
            .Append("DataServiceVersion: 3.0").Append(Crlf);
        if (!ifMatch.IsEmpty)
        {
            head.Append("If-Match: ").Append(ifMatch.ToString()).Append(Crlf);
        }

        if (action.ActionType == TableTransactionActionType.Add)
        {
            head.Append("Prefer: return-no-content").Append(Crlf);
        }

        if (hasBody)
        {
            head.Append("Content-Type: ").Append(TablePipeline.JsonContentType).Append(Crlf);
        }

        Text(body, head.Append(Crlf).ToString());
        if (hasBody)
        {
            using var json = TableClient.Serialize(entity);
            body.Write(json.WrittenSpan);
            Text(body, Crlf);
        }
    }

    private static ETag OrAll(ETag etag) => etag.IsEmpty ? ETag.All : etag;

    private static void Text(PooledBuffer body, string text)
    {
        var span = body.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        body.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private TableTransactionFailedException Failure(Part part, int? indexFromPosition)
    {
        var (code, message) = TablePipeline.ReadError(Encoding.UTF8.GetBytes(part.Body));
        var index = indexFromPosition ?? IndexFromMessage(message) ?? (part.ContentId is { } id ? id - 1 : null);
        var kind = part.Status switch
        {
            409 => TableErrorKind.EntityAlreadyExists,
            412 => TableErrorKind.ConcurrencyConflict,
            404 => TableErrorKind.NotFound,
            _ => TableErrorKind.Other,
        };
        var which = index is { } i && i >= 0 && i < _actions.Count
            ? $"action {i} ({_actions[i].ActionType} of RowKey '{_actions[i].Entity.RowKey}')"
            : "an action";
        return new TableTransactionFailedException(part.Status, code, kind, index,
            $"Transaction on table {_table.Name} was rolled back: {which} failed with {part.Status} {code}. Nothing in the transaction was written.");
    }

    /// <summary>The service prefixes the error message with the failing action's index, e.g. "1:The specified entity already exists."</summary>
    private static int? IndexFromMessage(string? message)
    {
        var colon = message?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }

    private static List<Part> ParseParts(string body)
    {
        var parts = new List<Part>();
        var lines = body.Split('\n');
        Part? current = null;
        var inBody = false;
        var text = new StringBuilder();
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
            {
                Close();
                current = new Part { Status = int.Parse(line.AsSpan(9, 3), CultureInfo.InvariantCulture) };
                inBody = false;
            }
            else if (current is not null && line.StartsWith("--", StringComparison.Ordinal))
            {
                Close();
                current = null;
            }
            else if (current is not null && !inBody)
            {
                if (line.Length == 0)
                {
                    inBody = true;
                }
                else if (line.StartsWith("ETag:", StringComparison.OrdinalIgnoreCase))
                {
                    current.ETag = line[5..].Trim();
                }
                else if (line.StartsWith("Content-ID:", StringComparison.OrdinalIgnoreCase) && int.TryParse(line[11..].Trim(), CultureInfo.InvariantCulture, out var id))
                {
                    current.ContentId = id;
                }
            }
            else if (current is not null)
            {
                text.Append(line).Append('\n');
            }
        }

        Close();
        return parts;

        void Close()
        {
            if (current is not null)
            {
                current.Body = text.ToString();
                parts.Add(current);
            }

            text.Clear();
        }
    }

    private sealed class Part
    {
        public int Status { get; init; }

        public string? ETag { get; set; }

        public int? ContentId { get; set; }

        public string Body { get; set; } = string.Empty;
    }
}
