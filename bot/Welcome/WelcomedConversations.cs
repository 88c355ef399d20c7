using Azure;
using LearningBot.Storage;

namespace LearningBot.Welcome;

/// <summary>
/// One install makes Teams send both an installationUpdate and a conversationUpdate (bot added), in either order and
/// perhaps to different instances. The second of such a pair is quiet; a repeat of the same event (a reinstall) welcomes
/// again. The last welcome of each conversation is a row in <see cref="TableName"/>, written at the ETag read (or
/// inserted), so two instances deciding at once agree: the one whose write loses reads the winner's row and decides
/// again. When storage cannot be used the event welcomes: a second welcome card is better than none. A welcome whose card
/// could not be sent is given back (its row removed, only if it is still the row written), so the other event of the pair
/// can welcome instead of staying quiet.
/// </summary>
public sealed partial class WelcomedConversations(TableStorage tables, TimeProvider clock, ILogger<WelcomedConversations> logger)
{
    public const string TableName = "Welcomes";
    internal const string Partition = "welcome";

    /// <summary>How long after a welcome the other event of the pair is taken as part of it.</summary>
    public static readonly TimeSpan PairWindow = TimeSpan.FromMinutes(1);

    private const int MaxAttempts = 3;

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>How long giving a welcome back may take: it runs after a failed send, perhaps when the turn's own time is up.</summary>
    private static readonly TimeSpan GiveBackTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The welcome this event should send, recorded; null when it is the second half of a pair that already welcomed.
    /// </summary>
    public async Task<WelcomeClaim?> ClaimAsync(string conversationId, string eventType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(eventType);
        var rowKey = KeyOf(conversationId);
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var now = clock.GetUtcNow();
                var last = await table.FindAsync<WelcomeEntity>(Partition, rowKey, cancellationToken: cancellationToken);
                if (last is not null && !string.Equals(last.EventType, eventType, StringComparison.OrdinalIgnoreCase) && now - last.WelcomedAt < PairWindow)
                {
                    return null;
                }

                var welcomed = new WelcomeEntity { PartitionKey = Partition, RowKey = rowKey, EventType = eventType, WelcomedAt = now };
                try
                {
                    var written = last is null
                        ? await table.AddEntityAsync(welcomed, cancellationToken)
                        : await table.UpdateEntityAsync(welcomed, last.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
                    return new WelcomeClaim(rowKey, written.Headers.ETag);
                }
                catch (RequestFailedException lost) when (lost.IsAlreadyExists() || lost.IsConcurrencyConflict() || lost.IsNotFound())
                {
                    // Another instance welcomed this conversation between our read and our write: decide on what it wrote.
                }
            }

            // Every attempt met another write: someone is welcoming this conversation right now.
            return null;
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogStorageFailed(exception);
            return new WelcomeClaim(rowKey, null);
        }
    }

    /// <summary>
    /// The welcome card of <paramref name="claim"/> was not sent: removes its row, unless another event has written
    /// since, so the next event of the conversation welcomes. Best effort; never throws.
    /// </summary>
    public async Task GiveBackAsync(WelcomeClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        if (claim.ETag is not { } etag)
        {
            return;
        }

        try
        {
            // Not the turn's token: the send that failed may have been cut off by the turn's deadline.
            using var time = new CancellationTokenSource(GiveBackTimeout);
            var table = await _table.GetAsync(time.Token);
            await table.DeleteEntityAsync(Partition, claim.RowKey, etag, time.Token);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception) || exception is OperationCanceledException)
        {
            LogGiveBackFailed(exception);
        }
    }

    /// <summary>SHA-256 of the conversation id: the row says that a conversation was welcomed, not which.</summary>
    internal static string KeyOf(string conversationId) => StableKey.Of(conversationId, 64);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read or record the last welcome of a conversation; welcoming anyway")]
    private partial void LogStorageFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give back a welcome whose card was not sent; the other install event may stay quiet")]
    private partial void LogGiveBackFailed(Exception exception);
}

/// <summary>A welcome this event is to send: the row recorded for it, and its ETag (null when storage could not be used).</summary>
public sealed record WelcomeClaim(string RowKey, ETag? ETag);

/// <summary>The last welcome of one conversation (keyed by its hashed id): which event welcomed, and when.</summary>
public sealed record WelcomeEntity : TableRow
{
    public string EventType { get; set; } = string.Empty;

    public DateTimeOffset WelcomedAt { get; set; }
}
