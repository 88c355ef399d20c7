using Azure;
using Azure.Data.Tables;
using LearningBot.Connector.Hosting;
using LearningBot.Storage;

namespace LearningBot.Delivery.Progress;

/// <summary>
/// The table <c>DeliveryProgressCards</c>: one row per delivery's progress card and an index of the cards still open.
/// Every change to a card row is guarded by its ETag, so when several instances of the bot look at one card, one
/// decides and the others leave it alone.
/// </summary>
public sealed class DeliveryProgressCardStore(TableStorage tables)
{
    public const string TableName = "DeliveryProgressCards";

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>Claims the posting of a delivery's card; false when it is claimed already (the card is, or is being, posted).</summary>
    public async Task<bool> ClaimPostingAsync(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(DeliveryProgressCardEntity.Posting(deliveryId, now), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            return false;
        }
    }

    /// <summary>Records where the card went and opens it for updates.</summary>
    public async Task RecordPostedAsync(string deliveryId, SentMessage sent, string shown, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = DeliveryProgressCardEntity.Posting(deliveryId, now) with { Message = sent.ToJson(), Shown = shown, LastShownAt = now };
        await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        await table.UpsertEntityAsync(OpenProgressCardEntity.For(deliveryId), TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<DeliveryProgressCardEntity?> FindAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<DeliveryProgressCardEntity>(DeliveryProgressCardEntity.Partition, TableKeys.Encode(deliveryId), cancellationToken: cancellationToken);
    }

    /// <summary>The deliveries whose cards are still open.</summary>
    public async IAsyncEnumerable<string> OpenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OpenProgressCardEntity.Partition}");
        await foreach (var row in table.QueryAsync<OpenProgressCardEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return row.DeliveryId;
        }
    }

    /// <summary>
    /// Claims this period's update of <paramref name="card"/> (as read) by writing <paramref name="now"/> at its ETag:
    /// the card with its new ETag, or null when another instance wrote first.
    /// </summary>
    public Task<DeliveryProgressCardEntity?> ClaimPeriodAsync(DeliveryProgressCardEntity card, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteIfUnchangedAsync(card with { LastShownAt = now }, cancellationToken);

    /// <summary>Notes what the card now shows (and whether it is the final card), if nobody has claimed it since.</summary>
    public Task<DeliveryProgressCardEntity?> MarkShownAsync(DeliveryProgressCardEntity claimed, string shown, bool finished, CancellationToken cancellationToken) =>
        WriteIfUnchangedAsync(claimed with { Shown = shown, Finished = finished }, cancellationToken);

    /// <summary>Takes a delivery's card out of the open index.</summary>
    public async Task CloseAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        await table.DeleteEntityAsync(OpenProgressCardEntity.Partition, TableKeys.Encode(deliveryId), ETag.All, cancellationToken);
    }

    private async Task<DeliveryProgressCardEntity?> WriteIfUnchangedAsync(DeliveryProgressCardEntity card, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            var response = await table.UpdateEntityAsync(card, card.ETag, TableUpdateMode.Replace, cancellationToken);
            return card with { ETag = response.NewETag() };
        }
        catch (RequestFailedException exception) when (exception.IsConcurrencyConflict())
        {
            return null;
        }
    }
}
