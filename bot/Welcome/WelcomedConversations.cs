using Azure;
using LearningBot.Storage;

namespace LearningBot.Welcome;

/// <summary>
/// One install makes Teams send both an installationUpdate and a conversationUpdate (bot added), in either order and
/// perhaps to different instances. The second of such a pair is quiet; a repeat of the same event (a reinstall) welcomes
/// again. The last welcome of each conversation is a row in <see cref="TableName"/>, written at the ETag read (or
/// inserted), so two instances deciding at once agree: the one whose write loses reads the winner's row and decides
/// again. When storage cannot be used the event welcomes: a second welcome card is better than none.
/// </summary>
public sealed partial class WelcomedConversations(TableStorage tables, TimeProvider clock, ILogger<WelcomedConversations> logger)
{
    public const string TableName = "Welcomes";
    internal const string Partition = "welcome";

    /// <summary>How long after a welcome the other event of the pair is taken as part of it.</summary>
    public static readonly TimeSpan PairWindow = TimeSpan.FromMinutes(1);

    private const int MaxAttempts = 3;

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>True when this event should welcome: it is not the second half of a pair that already welcomed.</summary>
    public async Task<bool> ShouldWelcomeAsync(string conversationId, string eventType, CancellationToken cancellationToken)
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
                    return false;
                }

                var welcomed = new WelcomeEntity { PartitionKey = Partition, RowKey = rowKey, EventType = eventType, WelcomedAt = now };
                try
                {
                    if (last is null)
                    {
                        await table.AddEntityAsync(welcomed, cancellationToken);
                    }
                    else
                    {
                        await table.UpdateEntityAsync(welcomed, last.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
                    }

                    return true;
                }
                catch (RequestFailedException lost) when (lost.IsAlreadyExists() || lost.IsConcurrencyConflict() || lost.IsNotFound())
                {
                    // Another instance welcomed this conversation between our read and our write: decide on what it wrote.
                }
            }

            // Every attempt met another write: someone is welcoming this conversation right now.
            return false;
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogStorageFailed(exception);
            return true;
        }
    }

    /// <summary>SHA-256 of the conversation id: the row says that a conversation was welcomed, not which.</summary>
    internal static string KeyOf(string conversationId) => StableKey.Of(conversationId, 64);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read or record the last welcome of a conversation; welcoming anyway")]
    private partial void LogStorageFailed(Exception exception);
}

/// <summary>The last welcome of one conversation (keyed by its hashed id): which event welcomed, and when.</summary>
public sealed record WelcomeEntity : TableRow
{
    public string EventType { get; set; } = string.Empty;

    public DateTimeOffset WelcomedAt { get; set; }
}
