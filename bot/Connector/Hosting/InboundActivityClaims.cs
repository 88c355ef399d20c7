using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
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
/// <remarks>
/// Cost per turn: one insert; an invoke adds one merge with its response (compressed), made after the response is
/// handed back, so the turn's answer does not wait for it.
/// </remarks>
public sealed partial class InboundActivityClaims(
    TableStorage storage,
    TurnLimits limits,
    TimeProvider clock,
    ILogger<InboundActivityClaims> logger)
{
    public const string TableName = "InboundActivities";

    /// <summary>Binary table properties hold at most 64 KiB; a response larger than that compressed is not replayed.</summary>
    public const int MaxStoredResponseBytes = PackedInvokeResponse.MaxBodyBytes;

    /// <summary>Claims are kept at least this long after their bucket ends.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan Bucket = TimeSpan.FromMinutes(10);

    private const int Shards = 16;
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(200);

    /// <summary>A redelivery within this of the activity's own timestamp is bucketed by that timestamp, so it finds the first claim.</summary>
    private static readonly TimeSpan TrustTimestampWithin = TimeSpan.FromMinutes(5);

    /// <summary>What a duplicate gets when the first run's response cannot be replayed: a 200 without a body.</summary>
    private static readonly PackedInvokeResponse Unanswered = new(StatusCodes.Status200OK, null);

    private static readonly object True = true;
    private static readonly object False = false;

    private static readonly TimeSpan DrainPollEvery = TimeSpan.FromMilliseconds(20);

    private readonly LazyTable _table = storage.Table(TableName);
    private int _recordsInFlight;

    /// <summary>
    /// Runs <paramref name="process"/> unless another delivery of the activity has claimed it. The outcome carries an
    /// invoke's response packed as the claim row stores it, so the caller can keep it without compressing it again
    /// (null when storage was unavailable and nothing was stored).
    /// </summary>
    public async Task<ClaimOutcome> ProcessOnceAsync(Activity activity, Func<Task<InvokeResponse?>> process)
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
                    return await RunAsync(key, etag, activity, process);
                }

                if (existing is null)
                {
                    return new ClaimOutcome(await process(), false, null);
                }

                if (!existing.IsInvoke || existing.Finished)
                {
                    return Duplicate(Replay(existing));
                }

                deadline ??= new CancellationTokenSource(Remaining(limits.TurnTimeout, clock.GetElapsedTime(started)), clock);
                if (await WaitForFirstRunAsync(key, deadline.Token) is { } finished)
                {
                    return Duplicate(finished.Finished ? Replay(finished) : Unanswered);
                }

                // The first run failed and released its claim: this delivery may run it.
            }

            return Duplicate(Unanswered);
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
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashIds(activity.Conversation?.Id, activity.Id, hash);
        var at = activity.Timestamp is { } sent && (now - sent).Duration() < TrustTimestampWithin ? sent : now;
        var partitionKey = string.Create(BucketFormat.Length + 2, (Start: BucketStart(at), Shard: hash[0] % Shards), static (chars, state) =>
        {
            state.Start.TryFormat(chars, out _, BucketFormat, CultureInfo.InvariantCulture);
            chars[^2] = '-';
            chars[^1] = "0123456789abcdef"[state.Shard];
        });
        return new InboundClaimKey(partitionKey, Convert.ToHexStringLower(hash));
    }

    /// <summary>SHA-256 of the UTF-8 of "conversation id \n activity id", encoded on the stack (or in a pooled buffer for long ids).</summary>
    private static void HashIds(string? conversationId, string? activityId, Span<byte> hash)
    {
        conversationId ??= string.Empty;
        activityId ??= string.Empty;
        var length = Encoding.UTF8.GetByteCount(conversationId) + 1 + Encoding.UTF8.GetByteCount(activityId);
        byte[]? rented = null;
        var bytes = length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(length));
        var written = Encoding.UTF8.GetBytes(conversationId, bytes);
        bytes[written++] = (byte)'\n';
        written += Encoding.UTF8.GetBytes(activityId, bytes[written..]);
        SHA256.HashData(bytes[..written], hash);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private const string BucketFormat = "yyyyMMddHHmm";

    private static DateTime BucketStart(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        return utc.AddTicks(-(utc.Ticks % Bucket.Ticks));
    }

    private static string BucketName(DateTimeOffset at) => BucketStart(at).ToString(BucketFormat, CultureInfo.InvariantCulture);

    /// <summary>The claim's ETag when this call inserted it; else the row found (null too when storage is unavailable).</summary>
    private async Task<(ETag? Claimed, InboundActivityEntity? Existing)> TryClaimAsync(InboundClaimKey key, bool isInvoke)
    {
        // Charged to the turn's storage budget (the caller's scope), or to a budget of its own outside a turn.
        using var budget = StorageBudget.Current is null ? StorageBudget.Begin(limits.StorageBudget) : (StorageBudget.Scope?)null;
        try
        {
            var table = await _table.GetAsync(CancellationToken.None);
            // Only the keys and the two flags, keys first: the typed entity would write its empty response properties
            // too, before the keys (a derived record's own properties come first), and that pushes the SDK's JSON
            // writer past its first 256-byte buffer into a 4 KB one on every turn. The row stored is the same.
            var row = new TableEntity(key.PartitionKey, key.RowKey)
            {
                [nameof(InboundActivityEntity.IsInvoke)] = isInvoke ? True : False,
                [nameof(InboundActivityEntity.Finished)] = isInvoke ? False : True,
            };
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

    private async Task<ClaimOutcome> RunAsync(InboundClaimKey key, ETag etag, Activity activity, Func<Task<InvokeResponse?>> process)
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

        if (!activity.IsInvoke)
        {
            return new ClaimOutcome(response, false, null);
        }

        var packed = response is null ? null : PackedInvokeResponse.Pack(response);
        // Answered without waiting for the response to be stored: only a redelivery to another instance reads it, and
        // until it is stored that redelivery waits for it, as it waits for a run still in flight.
        _ = RecordAsync(key, etag, packed is { BodyGzip: not null } && TypedTextEcho.Holds(activity, response!, clock.GetUtcNow()) ? new PackedInvokeResponse(packed.Status, null) : packed);
        return new ClaimOutcome(response, false, packed);
    }

    /// <summary>Waits until the invoke responses still being stored are stored (at shutdown, so none is cut off).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (Volatile.Read(ref _recordsInFlight) > 0)
        {
            await Task.Delay(DrainPollEvery, clock, cancellationToken);
        }
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

    /// <summary>Stores an invoke's response on its claim; never throws (a failure is logged), so it may run unobserved.</summary>
    private async Task RecordAsync(InboundClaimKey key, ETag etag, PackedInvokeResponse? response)
    {
        Interlocked.Increment(ref _recordsInFlight);
        using var budget = StorageBudget.Begin(limits.StorageBudget);
        var finished = new InboundActivityEntity
        {
            PartitionKey = key.PartitionKey,
            RowKey = key.RowKey,
            IsInvoke = true,
            Finished = true,
            InvokeStatus = response?.Status,
            InvokeBodyGzip = response?.BodyGzip,
        };
        try
        {
            var table = await _table.GetAsync(CancellationToken.None);
            await table.UpdateEntityAsync(finished, etag, TableUpdateMode.Merge);
        }
        catch (Exception exception)
        {
            LogNotRecorded(exception);
        }
        finally
        {
            Interlocked.Decrement(ref _recordsInFlight);
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

    private static ClaimOutcome Duplicate(PackedInvokeResponse? replayed) => new(replayed?.Unpack(), true, replayed);

    private static PackedInvokeResponse? Replay(InboundActivityEntity row)
    {
        if (!row.IsInvoke)
        {
            return null;
        }

        if (row.InvokeStatus is not { } status)
        {
            return Unanswered;
        }

        return row.InvokeBodyGzip is { } compressed ? new PackedInvokeResponse(status, compressed)
            : row.InvokeBody is { } text ? PackedInvokeResponse.FromJson(status, Encoding.UTF8.GetBytes(text))
            : new PackedInvokeResponse(status, null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared de-duplication unavailable (storage); this turn is de-duplicated on this instance only")]
    private partial void LogUnavailable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A redelivered invoke is still running on another instance; answered without its response")]
    private partial void LogStillInFlight();

    [LoggerMessage(Level = LogLevel.Warning, Message = "The invoke response could not be stored for redeliveries")]
    private partial void LogNotRecorded(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A failed turn's claim could not be released; a redelivery will not run it again")]
    private partial void LogNotReleased(Exception exception);
}

/// <summary>
/// What <see cref="InboundActivityClaims.ProcessOnceAsync"/> came to: the response for this delivery, whether another
/// delivery had claimed the activity, and an invoke's response as the claim row holds it (null for other activities,
/// for an invoke without a response, and when storage was unavailable).
/// </summary>
public readonly record struct ClaimOutcome(InvokeResponse? Response, bool WasDuplicate, PackedInvokeResponse? Packed);
