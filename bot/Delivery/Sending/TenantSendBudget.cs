using Azure;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery.Sending;

/// <summary>
/// The tenant's 50 requests a second shared by every instance, and the per-conversation limits of this process.
/// </summary>
/// <remarks>
/// The tenant budget is a token bucket refilled once a second, kept in table storage: each second is a slot row holding
/// how many of its <see cref="SendBudgetOptions.PerSecond"/> tokens the instances have taken. An instance takes a block
/// (up to <see cref="SendBudgetOptions.BlockSize"/>) with one ETag-guarded write, spends it from memory, and takes the
/// next block when it runs out, so storage sees a write per block rather than per message. A slot's tokens are used
/// only during the first <see cref="SendBudgetOptions.SlotUsableFraction"/> of its second (see there for why); tokens
/// left when that ends are dropped, never carried into the next second. Slots follow each instance's clock, which in
/// Azure is kept in step by the platform's time sync to well inside the 100 ms margin.
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
    private readonly SemaphoreSlim _refill = new(1, 1);
    private readonly Lock _gate = new();
    private long _blockSecond = -1;
    private int _blockLeft;
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

    public TenantSendBudget(TableStorage tables, IOptions<SendBudgetOptions> options, IOptions<RecipientReachOptions> reach, TimeProvider time, ILogger<TenantSendBudget> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _table = tables.Table(TableName);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _partition = TableKeys.Encode(string.IsNullOrWhiteSpace(reach.Value.TenantId) ? DefaultTenant : reach.Value.TenantId);
        _conversations = new ConversationRateLimiter(_options, time);
    }

    /// <summary>Told the slot (Unix second) of every token handed out; lets tests count grants per second exactly.</summary>
    internal Action<long>? Granted { get; set; }

    /// <summary>The per-conversation windows of this process.</summary>
    public ConversationRateLimiter Conversations => _conversations;

    public async ValueTask WaitAsync(string? conversationId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (conversationId is not null)
            {
                await DelayAsync(_conversations.TimeUntilFree(conversationId), cancellationToken);
            }

            await TakeTokenAsync(cancellationToken);

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
            _blockLeft = 0;
        }

        LogPaused(_logger, retryAfter.TotalSeconds);
    }

    private async Task TakeTokenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await DelayAsync(PauseLeft(), cancellationToken);
            var slot = Slot(_time.GetUtcNow());
            if (slot.Usable > TimeSpan.Zero && TryTakeFromBlock(slot.Second))
            {
                return;
            }

            await _refill.WaitAsync(cancellationToken);
            try
            {
                slot = Slot(_time.GetUtcNow());
                if (slot.Usable > TimeSpan.Zero && (TryTakeFromBlock(slot.Second) || await TakeBlockAsync(slot, cancellationToken)))
                {
                    return;
                }
            }
            finally
            {
                _refill.Release();
            }

            await DelayAsync(Slot(_time.GetUtcNow()).UntilNext, cancellationToken);
        }
    }

    private bool TryTakeFromBlock(long second)
    {
        lock (_gate)
        {
            if (_blockSecond != second || _blockLeft <= 0 || _pausedUntil > _time.GetUtcNow())
            {
                return false;
            }

            _blockLeft--;
            Granted?.Invoke(second);
            return true;
        }
    }

    /// <summary>Takes a block of the slot's tokens for this instance and one of them for the caller; false when the slot is spent.</summary>
    private async Task<bool> TakeBlockAsync(BudgetSlot slot, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rowKey = (slot.Second % RingSize).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < _options.MaxClaimAttempts; attempt++)
        {
            var now = Slot(_time.GetUtcNow());
            if (now.Second != slot.Second || now.Usable <= TimeSpan.Zero)
            {
                return false;
            }

            var row = await table.FindAsync<SendBudgetSlot>(_partition, rowKey, cancellationToken: cancellationToken);
            var taken = row is not null && row.Second == slot.Second ? row.Taken : 0;
            if (row is not null && row.Second > slot.Second)
            {
                return false;
            }

            var want = Math.Min(BlockSize(now), _options.PerSecond - taken);
            if (want <= 0)
            {
                return false;
            }

            var claimed = new SendBudgetSlot { PartitionKey = _partition, RowKey = rowKey, Second = slot.Second, Taken = taken + want };
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
                _blockLeft = want - 1;
                Granted?.Invoke(slot.Second);
            }

            return true;
        }

        return false;
    }

    /// <summary>A full block early in the slot, shrinking towards one as its usable part runs out, so few tokens are dropped.</summary>
    private int BlockSize(BudgetSlot slot)
    {
        var usable = TimeSpan.FromSeconds(_options.SlotUsableFraction);
        var share = slot.Usable / usable;
        return Math.Clamp((int)Math.Ceiling(_options.BlockSize * share), 1, _options.BlockSize);
    }

    private BudgetSlot Slot(DateTimeOffset now)
    {
        var unixMs = now.ToUnixTimeMilliseconds();
        var second = Math.DivRem(unixMs, 1000, out var intoMs);
        var into = TimeSpan.FromMilliseconds(intoMs);
        var usable = TimeSpan.FromSeconds(_options.SlotUsableFraction) - into;
        return new BudgetSlot(second, usable > TimeSpan.Zero ? usable : TimeSpan.Zero, TimeSpan.FromSeconds(1) - into);
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

    /// <summary>The second <paramref name="Second"/> (Unix), how long its tokens may still be used, and how long until the next.</summary>
    private readonly record struct BudgetSlot(long Second, TimeSpan Usable, TimeSpan UntilNext);
}
