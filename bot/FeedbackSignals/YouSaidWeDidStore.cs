using Azure;
using Azure.Data.Tables;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Table <see cref="TableName"/>: one "you said, we did" record per alert. <see cref="ListSinceAsync"/> is the query the
/// newsletter digest reads its candidate items with.
/// </summary>
public sealed class YouSaidWeDidStore(TableStorage tables, TimeProvider clock)
{
    public const string TableName = "YouSaidWeDid";

    private readonly LazyTable _table = tables.Table(TableName);

    public async Task<YouSaidWeDid?> FindAsync(string alertId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<YouSaidWeDid>(YouSaidWeDid.Partition, alertId, cancellationToken: cancellationToken);
    }

    /// <summary>Records what was done about the alert's theme, or updates what was recorded before.</summary>
    public async Task<YouSaidWeDid> RecordAsync(SignalAlert alert, ScrubbedText whatWasDone, string month, ScrubbedText link, string lead, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var record = YouSaidWeDid.For(alert, whatWasDone, month, link, lead, now);
        try
        {
            await table.AddEntityAsync(record, cancellationToken);
            return record;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            // Recorded before: this replaces what was done, keeping when it was first recorded and the delivery.
        }

        var change = await table.ChangeAsync<YouSaidWeDid>(YouSaidWeDid.Partition, alert.AlertId,
            current => new EntityDecision<YouSaidWeDid>.Write(current.Updated(whatWasDone, month, link, lead, now)), cancellationToken: cancellationToken);
        return change?.Entity ?? record;
    }

    /// <summary>Notes the delivery that told the liaison staff (the first one noted stays).</summary>
    public async Task NoteDeliveryAsync(string alertId, string deliveryId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.ChangeAsync<YouSaidWeDid>(YouSaidWeDid.Partition, alertId, current => current.DeliveryId is null
            ? new EntityDecision<YouSaidWeDid>.Write(current with { DeliveryId = deliveryId })
            : new EntityDecision<YouSaidWeDid>.Keep(), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// "You said, we did" items recorded or updated at or after <paramref name="since"/>, newest first: the candidate items
    /// for the newsletter digest. Each holds the theme, service area and organisation kind, what was done (scrubbed), the
    /// month and an optional link; never who logged the signals.
    /// </summary>
    public async Task<IReadOnlyList<YouSaidWeDid>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rows = await table.ListAsync<YouSaidWeDid>(
            TableClient.CreateQueryFilter($"PartitionKey eq {YouSaidWeDid.Partition} and UpdatedAt ge {since}"), cancellationToken: cancellationToken);
        return [.. rows.OrderByDescending(row => row.UpdatedAt)];
    }
}
