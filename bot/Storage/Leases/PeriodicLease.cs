using Azure;
using Microsoft.Extensions.Options;

namespace LearningBot.Storage.Leases;

/// <summary>
/// Runs a background job once per period across every instance on the storage account. Periods are fixed slices of
/// time (a period of a day starts at midnight UTC); an instance claims a period by writing the job's lease row, with an
/// insert the first time and an ETag-guarded replace after that, so exactly one instance wins each period. The winner
/// marks the period complete when the job has run; a winner that stops half way leaves its lease to run out, and the
/// next instance to look takes the period over.
/// </summary>
public sealed partial class PeriodicLease(
    TableStorage storage,
    IOptions<LeaseOptions> options,
    TimeProvider clock,
    ILogger<PeriodicLease> logger)
{
    public const string TableName = "Leases";

    private readonly LazyTable _table = storage.Table(TableName);

    /// <summary>Who this instance is in the lease rows (the machine and a per-process suffix).</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The start of the period of length <paramref name="period"/> that holds <paramref name="now"/> (periods count from the Unix epoch).</summary>
    public static DateTimeOffset PeriodStart(DateTimeOffset now, TimeSpan period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        var sinceEpoch = now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return DateTimeOffset.UnixEpoch.AddTicks(sinceEpoch - (sinceEpoch % period.Ticks));
    }

    /// <summary>
    /// Claims the current period of <paramref name="job"/> for this instance: the claim when this instance won it, null
    /// when another instance has it (running or done). Storage failures are thrown.
    /// </summary>
    public async Task<LeaseClaim?> TryClaimAsync(string job, TimeSpan period, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var start = PeriodStart(now, period);
        var table = await _table.GetAsync(cancellationToken);
        var current = await table.FindAsync<LeaseEntity>(LeaseEntity.JobPartition, job, cancellationToken: cancellationToken);
        var lease = TimeSpan.FromTicks(Math.Min(options.Value.LeaseDuration.Ticks, period.Ticks));
        var claim = new LeaseEntity(job) { PeriodStart = start, Owner = Owner, LeaseUntil = now + lease };
        try
        {
            Response response;
            if (current is null)
            {
                response = await table.AddEntityAsync(claim, cancellationToken);
            }
            else if (IsTaken(current, start, period, now))
            {
                return null;
            }
            else
            {
                response = await table.UpdateEntityAsync(claim, current.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
            }

            LogClaimed(job, start);
            return new LeaseClaim(job, start, start + period, response.NewETag());
        }
        catch (RequestFailedException lost) when (lost.IsAlreadyExists() || lost.IsConcurrencyConflict())
        {
            return null;
        }
    }

    /// <summary>Marks a won period as done, so no other instance runs it again.</summary>
    public async Task CompleteAsync(LeaseClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var table = await _table.GetAsync(cancellationToken);
        var done = new LeaseEntity(claim.Job) { PeriodStart = claim.PeriodStart, Owner = Owner, Completed = true };
        try
        {
            await table.UpdateEntityAsync(done, claim.ETag, Azure.Data.Tables.TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException lost) when (lost.IsConcurrencyConflict() || lost.IsNotFound())
        {
            LogOvertaken(claim.Job, claim.PeriodStart);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> once per period of <paramref name="job"/> across all instances until stopped: claims
    /// the current period, runs it when won, and otherwise looks again every <c>Leases:CheckInterval</c> (or at the next
    /// period, if sooner). With storage unavailable nothing runs; it looks again later.
    /// </summary>
    public async Task RunEachPeriodAsync(string job, TimeSpan period, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await TryClaimAsync(job, period, stoppingToken) is { } claim)
                {
                    await RunAsync(job, period, work, stoppingToken);
                    await CompleteAsync(claim, stoppingToken);
                }
                else
                {
                    LogTaken(job, PeriodStart(clock.GetUtcNow(), period));
                }
            }
            catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
            {
                LogUnavailable(exception, job);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(NextLook(period), clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One run of a job. A run that fails (storage or Teams briefly unavailable, a bug) is logged here, for every job, and
    /// the period still counts as done: the next period tries again, so one bad run never stops the ones after it.
    /// </summary>
    private async Task RunAsync(string job, TimeSpan period, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        try
        {
            await work(stoppingToken);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            LogRunDeferred(exception, job, period);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRunFailed(exception, job, period);
        }
    }

    private TimeSpan NextLook(TimeSpan period)
    {
        var now = clock.GetUtcNow();
        var untilNextPeriod = PeriodStart(now, period) + period - now;
        var check = options.Value.CheckInterval;
        return untilNextPeriod < check ? untilNextPeriod : check;
    }

    /// <summary>
    /// Whether another instance has this period: it claimed this one (and is running it or has finished), or the next
    /// (its clock is slightly ahead). A claim further ahead was made by a clock that was wrong, and does not count.
    /// </summary>
    private static bool IsTaken(LeaseEntity current, DateTimeOffset start, TimeSpan period, DateTimeOffset now) =>
        (current.PeriodStart > start && current.PeriodStart <= start + period)
        || (current.PeriodStart == start && (current.Completed || current.LeaseUntil > now));

    [LoggerMessage(Level = LogLevel.Information, Message = "Background job {Job}: this instance runs the period starting {PeriodStart:o}")]
    private partial void LogClaimed(string job, DateTimeOffset periodStart);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Background job {Job}: the period starting {PeriodStart:o} is taken (run, or being run)")]
    private partial void LogTaken(string job, DateTimeOffset periodStart);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background job {Job}: the period starting {PeriodStart:o} was taken over before it was marked done")]
    private partial void LogOvertaken(string job, DateTimeOffset periodStart);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background job {Job}: storage unavailable during the run; the next period (in {Period}) tries again")]
    private partial void LogRunDeferred(Exception exception, string job, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background job {Job} failed; the next period (in {Period}) tries again")]
    private partial void LogRunFailed(Exception exception, string job, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Background job {Job}: storage unavailable, so the lease could not be claimed; looking again later")]
    private partial void LogUnavailable(Exception exception, string job);
}
