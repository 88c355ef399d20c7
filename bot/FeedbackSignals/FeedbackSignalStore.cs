using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>Feedback signals in table storage (table <see cref="TableName"/>).</summary>
public sealed class FeedbackSignalStore(TableStorage tables)
{
    public const string TableName = "FeedbackSignals";

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>
    /// Stores the signal unless one with its id is there already, and returns the one stored: a repeated press of the
    /// same form (its id is made from the form's token) finds the first signal and adds nothing.
    /// </summary>
    public async Task<FeedbackSignal> LogAsync(FeedbackSignal signal, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(signal, cancellationToken);
            return signal;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            return await table.FindAsync<FeedbackSignal>(signal.PartitionKey, signal.RowKey, cancellationToken: cancellationToken) ?? signal;
        }
    }

    public async Task<FeedbackSignal?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<FeedbackSignal>(FeedbackSignal.Partition, id, cancellationToken: cancellationToken);
    }

    public async Task<List<FeedbackSignal>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ListAsync<FeedbackSignal>(TableClient.CreateQueryFilter($"PartitionKey eq {FeedbackSignal.Partition}"), cancellationToken: cancellationToken);
    }
}
