using Azure;
using LearningBot.Connector.Client;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery.Sending;

/// <summary>
/// The tenant's 50 requests a second shared by every instance, and the per-conversation limits of this process.
/// </summary>
/// <remarks>
/// The tenant budget is kept in table storage as one row per second (a slot) holding how many of its tokens the instances
/// have taken. A slot has <see cref="SendBudgetOptions.PerSecond"/> × <see cref="SendBudgetOptions.SlotUsableFraction"/>
/// tokens, and token <c>i</c> is due <c>i</c> spacings into the second, so the requests of all instances together are
/// spread evenly: any one-second window holds no more than a slot's worth, however Teams lines up its seconds. An
/// instance takes a block of consecutive tokens (up to <see cref="SendBudgetOptions.BlockSize"/>) with one ETag-guarded
/// write and waits for each token's time; tokens whose time went by unused are skipped, never sent in a burst. Storage
/// sees a write per block rather than per message. Slots follow each instance's clock, which Azure keeps in step.
/// A <see cref="SendPace.Prompt"/> send (one message owed to what a person just did) takes no token and never waits on
/// storage: like a reply in a turn, the connector request it makes is counted, and the next block this instance claims
/// starts that many tokens later.
/// </remarks>
public sealed partial class TenantSendBudget : ISendBudget
{
    public const string TableName = "SendBudget";

    /// <summary>Slot rows per tenant: two minutes of seconds, reused in turn.</summary>
    public const int RingSize = 120;

    private const string DefaultTenant = "default";

    private readonly LazyTable _table;
    private readonly SendBudgetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TenantSendBudget> _logger;
    private readonly string _partition;
    private readonly ConversationRateLimiter _conversations;
    private readonly ConnectorTraffic _traffic;
    private long _trafficSeen;
    private long _grantedSinceSeen;
    private readonly SemaphoreSlim _refill = new(1, 1);
    private readonly Lock _gate = new();
    private long _blockSecond = -1;
    private int _blockNext;
    private int _blockEnd;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public TenantSendBudget(
        TableStorage tables,
        ConnectorTraffic traffic,
        IOptions<SendBudgetOptions> options,
        IOptions<RecipientReachOptions> reach,
        TimeProvider time,
        ILogger<TenantSendBudget> logger)
    {
        _traffic = traffic;
        _trafficSeen = traffic.Requests;
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Table(TableName);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _partition = TableKeys.Encode(string.IsNullOrWhiteSpace(reach.Value.TenantId) ? DefaultTenant : reach.Value.TenantId);
        _conversations = new ConversationRateLimiter(_options, time);
    }

    /// <summary>Told the time every token handed out is due; lets tests count grants per second and check their spacing exactly.</summary>
    internal Action<DateTimeOffset>? Granted { get; set; }

    /// <summary>The per-conversation windows of this process.</summary>
    public ConversationRateLimiter Conversations => _conversations;

    public async ValueTask WaitAsync(string? conversationId, SendPace pace, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (conversationId is not null)
            {
                await DelayAsync(_conversations.TimeUntilFree(conversationId), cancellationToken);
            }

            // A prompt send takes no token: the connector traffic it makes is taken off the next block this instance claims.
            if (pace == SendPace.Prompt)
            {
                await DelayAsync(PauseLeft(), cancellationToken);
            }
            else
            {
                await TakeTokenAsync(cancellationToken);
            }

            // Another worker of this process may have taken the conversation's last place meanwhile: then the token is lost.
            if (conversationId is null || _conversations.TryAcquire(conversationId) == TimeSpan.Zero)
            {
                return;
            }
        }
    }

    public TimeSpan TimeUntilFree(string? conversationId)
    {
        var paused = PauseLeft();
        var conversation = conversationId is null ? TimeSpan.Zero : _conversations.TimeUntilFree(conversationId);
        return paused > conversation ? paused : conversation;
    }

    public void Throttled(string? conversationId, TimeSpan retryAfter)
    {
        var until = _time.GetUtcNow() + (retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.Zero);
        if (conversationId is not null)
        {
            _conversations.Block(conversationId, until);
            return;
        }

        lock (_gate)
        {
            _pausedUntil = until > _pausedUntil ? until : _pausedUntil;
            _blockEnd = 0;
        }

        LogPaused(_logger, retryAfter.TotalSeconds);
    }

    private async Task TakeTokenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await DelayAsync(PauseLeft(), cancellationToken);
            if (TryTakeFromBlock(_time.GetUtcNow()) is { } next)
            {
                await DelayAsync(next - _time.GetUtcNow(), cancellationToken);
                return;
            }

            DateTimeOffset? claimed;
            await _refill.WaitAsync(cancellationToken);
            try
            {
                var now = _time.GetUtcNow();
                claimed = TryTakeFromBlock(now) ?? await TakeBlockAsync(now, cancellationToken);
            }
            finally
            {
                _refill.Release();
            }

            if (claimed is { } due)
            {
                await DelayAsync(due - _time.GetUtcNow(), cancellationToken);
                return;
            }

            await DelayAsync(Slot(_time.GetUtcNow()).UntilNext, cancellationToken);
        }
    }

    /// <summary>
    /// The next token of this instance's block, as the time it is due; null when the block is spent or belongs to a past
    /// second. Tokens whose time went by unused (this instance was busy or paused) are dropped rather than sent in a burst.
    /// </summary>
    private DateTimeOffset? TryTakeFromBlock(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_pausedUntil > now)
            {
                return null;
            }

            var current = Slot(now);
            if (_blockSecond != current.Second)
            {
                return null;
            }

            _blockNext = Math.Max(_blockNext, current.FirstIndexDue);
            if (_blockNext >= _blockEnd)
            {
                return null;
            }

            var index = _blockNext++;
            _grantedSinceSeen++;
            var due = current.Start + (Spacing * index);
            Granted?.Invoke(due);
            return due;
        }
    }

    /// <summary>
    /// Takes the next block of the current slot's tokens for this instance (skipping tokens whose time has passed) and
    /// returns when the first is due; null when the slot is spent.
    /// </summary>
    private async Task<DateTimeOffset?> TakeBlockAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var slot = Slot(now);
        var rowKey = (slot.Second % RingSize).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < _options.MaxClaimAttempts; attempt++)
        {
            var current = Slot(_time.GetUtcNow());
            if (current.Second != slot.Second)
            {
                return null;
            }

            var row = await table.FindAsync<SendBudgetSlot>(_partition, rowKey, cancellationToken: cancellationToken);
            if (row is not null && row.Second > slot.Second)
            {
                return null;
            }

            var taken = row is not null && row.Second == slot.Second ? row.Taken : 0;
            var first = Math.Max(taken + RequestsMadeElsewhere(), current.FirstIndexDue);
            var end = Math.Min(first + _options.BlockSize, Capacity);
            if (first >= end)
            {
                return null;
            }

            var claimed = new SendBudgetSlot { PartitionKey = _partition, RowKey = rowKey, Second = slot.Second, Taken = end };
            try
            {
                if (row is null)
                {
                    await table.AddEntityAsync(claimed, cancellationToken);
                }
                else
                {
                    await table.UpdateEntityAsync(claimed, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
                }
            }
            catch (RequestFailedException failure) when (failure.IsAlreadyExists() || failure.IsConcurrencyConflict())
            {
                continue;
            }

            lock (_gate)
            {
                _blockSecond = slot.Second;
                _grantedSinceSeen++;
                _blockNext = first + 1;
                _blockEnd = end;
            }

            var due = current.Start + (Spacing * first);
            Granted?.Invoke(due);
            return due;
        }

        return null;
    }

    /// <summary>
    /// Requests this instance made to the Bot Connector since the last block that were not deliveries' (replies in turns,
    /// progress card updates): they count against the tenant's limit too, so the next block starts that many tokens later.
    /// </summary>
    private int RequestsMadeElsewhere()
    {
        lock (_gate)
        {
            var requests = _traffic.Requests;
            var elsewhere = Math.Max(0, requests - _trafficSeen - _grantedSinceSeen);
            _trafficSeen = requests;
            _grantedSinceSeen = 0;
            return (int)Math.Min(elsewhere, Capacity);
        }
    }

    /// <summary>Tokens per slot: the share of <see cref="SendBudgetOptions.PerSecond"/> a delivery uses.</summary>
    private int Capacity => Math.Max(1, (int)Math.Floor(_options.PerSecond * _options.SlotUsableFraction));

    /// <summary>The time between one token and the next, so a slot's tokens are spread evenly over its second.</summary>
    private TimeSpan Spacing => TimeSpan.FromSeconds(1.0 / Capacity);

    private BudgetSlot Slot(DateTimeOffset now)
    {
        var unixMs = now.ToUnixTimeMilliseconds();
        var second = Math.DivRem(unixMs, 1000, out var intoMs);
        var into = TimeSpan.FromMilliseconds(intoMs);
        // A token may still be used up to two spacings late (a worker that was busy a moment): any one-second window then
        // holds at most two more than a slot's 48, inside the 50.
        var firstDue = (int)Math.Floor(Math.Max(0, (into - (2 * Spacing)).Ticks) / (double)Spacing.Ticks);
        return new BudgetSlot(second, DateTimeOffset.FromUnixTimeMilliseconds(second * 1000), firstDue, TimeSpan.FromSeconds(1) - into);
    }

    private TimeSpan PauseLeft()
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            return _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
        }
    }

    private Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        wait > TimeSpan.Zero ? Task.Delay(wait, _time, cancellationToken) : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams throttled the tenant: this instance pauses sending for {Seconds:0.#} s")]
    private static partial void LogPaused(ILogger logger, double seconds);

    /// <summary>
    /// The second <paramref name="Second"/> (Unix) starting at <paramref name="Start"/>, the first of its tokens whose time
    /// has not passed yet, and how long until the next second.
    /// </summary>
    private readonly record struct BudgetSlot(long Second, DateTimeOffset Start, int FirstIndexDue, TimeSpan UntilNext);
}
