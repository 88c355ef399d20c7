using Azure.Data.Tables;
using LearningBot.Delivery;
using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Delivery.Engine;

/// <summary>Tables and queues of one test alone (a prefix of its own under the class's), shared by the stacks it builds.</summary>
public sealed class DeliveryStorage
{
    public DeliveryStorage(AzuriteFixture fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var options = new TableStorageOptions
        {
            ConnectionString = fixture.ConnectionString,
            TablePrefix = fixture.TablePrefix + "d" + Guid.NewGuid().ToString("N")[..8],
            NetworkTimeout = TimeSpan.FromSeconds(10),
        };
        Tables = TableStorage.Create(options);
        Queues = QueueStorage.Create(options);
    }

    public TableStorage Tables { get; }

    public QueueStorage Queues { get; }

    public async Task<TableClient> TableAsync() => await Tables.Table(DeliveryStore.TableName).GetAsync(CancellationToken.None);

    public async Task<Azure.Storage.Queues.QueueClient> QueueAsync() => await Queues.Queue(DeliveryQueue.QueueName).GetAsync(CancellationToken.None);

    /// <summary>The table the delivery's ledger is in, as its header names it.</summary>
    public async Task<TableClient> LedgerTableAsync(string deliveryId)
    {
        var header = await HeaderAsync(deliveryId) ?? throw new InvalidOperationException($"Delivery {deliveryId} has no header.");
        return await Tables.Table(header.LedgerTable ?? DeliveryStore.TableName).GetAsync(CancellationToken.None);
    }

    public async Task<IReadOnlyList<DeliveryRecipientEntity>> LedgerAsync(string deliveryId)
    {
        var table = await LedgerTableAsync(deliveryId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {deliveryId} and RowKey ge {DeliveryKeys.RecipientRowKeyPrefix} and RowKey lt {DeliveryKeys.RecipientRowKeyEnd}");
        return await table.ListAsync<DeliveryRecipientEntity>(filter);
    }

    /// <summary>A header as a delivery was recorded before ledgers had tables of their own, still planning: its ledger goes beside it.</summary>
    public async Task AddHeaderWithoutLedgerTableAsync(DeliveryRequest request, string deliveryId, int total) =>
        await (await TableAsync()).AddEntityAsync(new DeliveryEntity
        {
            PartitionKey = deliveryId, Purpose = request.Purpose, RequestedBy = request.RequestedBy, Total = total,
            Activity = System.Text.Json.JsonSerializer.Serialize(request.Message, LearningBot.Connector.BotJson.Options),
            CreatedAt = DateTimeOffset.UtcNow, LastActivityAt = DateTimeOffset.UtcNow,
        });

    public async Task<DeliveryEntity?> HeaderAsync(string deliveryId) =>
        await (await TableAsync()).FindAsync<DeliveryEntity>(deliveryId, DeliveryEntity.HeaderRowKey);
}
