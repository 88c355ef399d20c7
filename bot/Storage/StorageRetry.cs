namespace LearningBot.Storage;

/// <summary>
/// Runs work that needs storage (a start-up seed or load) in the background until it succeeds: a storage failure is
/// handed to <c>onFailure</c> with the wait before the next try, which doubles from 2 s up to 5 minutes. Start-up never
/// waits for it, so a storage outage costs the bot that work for a while, not its start.
/// </summary>
public static class StorageRetry
{
    public static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(5);

    public static async Task UntilDoneAsync(
        Func<CancellationToken, Task> work, Action<Exception, TimeSpan> onFailure, TimeProvider clock, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(onFailure);
        var wait = FirstWait;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await work(stoppingToken);
                return;
            }
            catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
            {
                onFailure(exception, wait);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(wait, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = wait * 2 > LongestWait ? LongestWait : wait * 2;
        }
    }
}
