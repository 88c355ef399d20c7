using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using LearningBot.Storage;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// De-duplication shared by every instance on the storage account: before a turn runs, its (conversation, activity id)
/// is claimed by inserting a row, and an insert that finds the row (409) means another instance already has the
/// activity. A redelivered message is then answered at once; a redelivered invoke gets the response the first run
/// stored, waiting for it (at most <c>BotHosting:TurnTimeout</c>) while that run is still in flight. A run that throws
/// deletes its claim so the channel's next delivery runs again. With storage unavailable the turn runs on the in-memory
/// de-duplication alone: never an error, and never more than the storage turn budget spent on the claim.
/// </summary>
/// <remarks>Cost per turn: one insert; an invoke adds one merge with its response (compressed).</remarks>
public sealed partial class InboundActivityClaims(
    TableStorage storage,
    TurnLimits limits,
    TimeProvider clock,
    ILogger<InboundActivityClaims> logger)
{
    public const string TableName = "InboundActivities";

    /// <summary>Binary table properties hold at most 64 KiB; a response larger than that compressed is not replayed.</summary>
    public const int MaxStoredResponseBytes = 64 * 1024;

    /// <summary>Claims are kept at least this long after their bucket ends.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(10);

    private const int Shards = 16;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>A redelivery within this of the activity's own timestamp is bucketed by that timestamp, so it finds the first claim.</summary>
    private static readonly TimeSpan TrustTimestampWithin = TimeSpan.FromMinutes(5);

    private readonly LazyTable _table = storage.Table(TableName);

    public async Task<(InvokeResponse? Response, bool WasDuplicate)> ProcessOnceAsync(Activity activity, Func<Task<InvokeResponse?>> process)
    {
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(process);
        var key = KeyFor(activity, clock.GetUtcNow());
        // The wait for a first run still in flight is bounded from here; its timer is made only for such a redelivery.
        var started = clock.GetTimestamp();
        CancellationTokenSource? deadline = null;
        try
        {
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var (claimed, existing) = await TryClaimAsync(key, activity.IsInvoke);
                if (claimed is { } etag)
                {
                    return (await RunAsync(key, etag, activity, process), false);
                }

                if (existing is null)
                {
                    return (await process(), false);
                }

                if (!existing.IsInvoke || existing.Finished)
                {
                    return (Replay(existing), true);
                }

                deadline ??= new CancellationTokenSource(Remaining(limits.TurnTimeout, clock.GetElapsedTime(started)), clock);
                if (await WaitForFirstRunAsync(key, deadline.Token) is { } finished)
                {
                    return (finished.Finished ? Replay(finished) : Unanswered(), true);
                }

                // The first run failed and released its claim: this delivery may run it.
            }

            return (Unanswered(), true);
        }
        finally
        {
            deadline?.Dispose();
        }
    }

    private static TimeSpan Remaining(TimeSpan limit, TimeSpan elapsed) => elapsed < limit ? limit - elapsed : TimeSpan.Zero;

    /// <summary>Deletes the claims whose retention has passed (a range query on the bucket); returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var cutoff = BucketName(clock.GetUtcNow() - Retention - Bucket);
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {cutoff}");
        var expired = await table.ListAsync<InboundActivityEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken);
        foreach (var chunk in expired.GroupBy(row => row.PartitionKey, StringComparer.Ordinal).SelectMany(partition => partition.Chunk(100)))
        {
            await table.SubmitTransactionAsync(chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken);
        }

        return expired.Count;
    }

    /// <summary>The claim's keys: bucket of the activity's timestamp (or of its arrival) and shard, and the hashed ids.</summary>
    public static InboundClaimKey KeyFor(Activity activity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(activity.Conversation?.Id, "\n", activity.Id)));
        var at = activity.Timestamp is { } sent && (now - sent).Duration() < TrustTimestampWithin ? sent : now;
        var shard = (hash[0] % Shards).ToString("x", CultureInfo.InvariantCulture);
        return new InboundClaimKey(BucketName(at) + "-" + shard, Convert.ToHexStringLower(hash));
    }

    private static string BucketName(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var start = utc.AddTicks(-(utc.Ticks % Bucket.Ticks));
        return start.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
    }

    /// <summary>The claim's ETag when this call inserted it; else the row found (null too when storage is unavailable).</summary>
    private async Task<(ETag? Claimed, InboundActivityEntity? Existing)> TryClaimAsync(InboundClaimKey key, bool isInvoke)
    {
        // Charged to the turn's storage budget (the caller's scope), or to a budget of its own outside a turn.
        using var budget = StorageBudget.Current is null ? StorageBudget.Begin(limits.StorageBudget) : (StorageBudget.Scope?)null;
        try
        {
            var table = await _table.GetAsync(CancellationToken.None);
            var row = new InboundActivityEntity { PartitionKey = key.PartitionKey, RowKey = key.RowKey, IsInvoke = isInvoke, Finished = !isInvoke };
            try
            {
                var response = await table.AddEntityAsync(row);
                return (response.NewETag(), null);
            }
            catch (RequestFailedException taken) when (taken.IsAlreadyExists())
            {
                var existing = await table.FindAsync<InboundActivityEntity>(key.PartitionKey, key.RowKey);
                return existing is null ? (null, null) : (null, existing);
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogUnavailable(exception);
            return (null, null);
        }
    }

    private async Task<InvokeResponse?> RunAsync(InboundClaimKey key, ETag etag, Activity activity, Func<Task<InvokeResponse?>> process)
    {
        InvokeResponse? response;
        try
        {
            response = await process();
        }
        catch
        {
            await ReleaseAsync(key, etag);
            throw;
        }

        if (activity.IsInvoke)
        {
            await RecordAsync(key, etag, response);
        }

        return response;
    }

    /// <summary>Polls the claim until its run has finished; null when the claim was released (the run failed) or storage fails.</summary>
    private async Task<InboundActivityEntity?> WaitForFirstRunAsync(InboundClaimKey key, CancellationToken deadline)
    {
        try
        {
            var table = await _table.GetAsync(deadline);
            while (true)
            {
                await Task.Delay(PollEvery, clock, deadline);
                var row = await table.FindAsync<InboundActivityEntity>(key.PartitionKey, key.RowKey, cancellationToken: deadline);
                if (row is null || row.Finished)
                {
                    return row;
                }
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            LogStillInFlight();
            return new InboundActivityEntity { IsInvoke = true };
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogUnavailable(exception);
            return new InboundActivityEntity { IsInvoke = true };
        }
    }

    private async Task RecordAsync(InboundClaimKey key, ETag etag, InvokeResponse? response)
    {
        using var budget = StorageBudget.Begin(limits.StorageBudget);
        var body = response?.Body is { } value ? Compress(value) : null;
        var finished = new InboundActivityEntity
        {
            PartitionKey = key.PartitionKey,
            RowKey = key.RowKey,
            IsInvoke = true,
            Finished = true,
            InvokeStatus = response?.Status,
            InvokeBodyGzip = body is { Length: <= MaxStoredResponseBytes } ? body : null,
        };
        try
        {
            var table = await _table.GetAsync(CancellationToken.None);
            await table.UpdateEntityAsync(finished, etag, TableUpdateMode.Merge);
        }
        catch (Exception exception) when (exception is RequestFailedException || TableErrors.IsStorageFailure(exception))
        {
            LogNotRecorded(exception);
        }
    }

    private async Task ReleaseAsync(InboundClaimKey key, ETag etag)
    {
        using var budget = StorageBudget.Begin(limits.StorageBudget);
        try
        {
            var table = await _table.GetAsync(CancellationToken.None);
            await table.DeleteEntityAsync(key.PartitionKey, key.RowKey, etag);
        }
        catch (Exception exception) when (exception is RequestFailedException || TableErrors.IsStorageFailure(exception))
        {
            LogNotReleased(exception);
        }
    }

    private static InvokeResponse? Replay(InboundActivityEntity row)
    {
        if (!row.IsInvoke)
        {
            return null;
        }

        if (row.InvokeStatus is not { } status)
        {
            return Unanswered();
        }

        var body = row.InvokeBodyGzip is { } compressed ? Decompress(compressed)
            : row.InvokeBody is { } text ? JsonDocument.Parse(text).RootElement.Clone()
            : (JsonElement?)null;
        return new InvokeResponse(status, body);
    }

    /// <summary>The body's JSON, gzipped (fastest level: a card's repeated names and styles compress well even so).</summary>
    /// <remarks>
    /// Compressed into a pooled buffer that is large enough for any input (gzip adds at most a few bytes per 16 KB block
    /// and a header), so the only array made is the result itself.
    /// </remarks>
    private static byte[] Compress(object body) => PooledPayload.WithJson(body, static json =>
    {
        var room = json.Length + (json.Length >> 8) + 64;
        var rented = ArrayPool<byte>.Shared.Rent(room);
        try
        {
            using var compressed = new MemoryStream(rented, 0, room, writable: true);
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(json);
            }

            return rented.AsSpan(0, (int)compressed.Position).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    });

    private static JsonElement Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return document.RootElement.Clone();
    }

    /// <summary>What a duplicate gets when the first run's response cannot be replayed: a 200 without a body.</summary>
    private static InvokeResponse Unanswered() => new(StatusCodes.Status200OK);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared de-duplication unavailable (storage); this turn is de-duplicated on this instance only")]
    private partial void LogUnavailable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A redelivered invoke is still running on another instance; answered without its response")]
    private partial void LogStillInFlight();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The invoke response could not be stored for redeliveries")]
    private partial void LogNotRecorded(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed turn's claim could not be released; a redelivery will not run it again")]
    private partial void LogNotReleased(Exception exception);
}
