using Azure;
using Azure.Data.Tables;
using LearningBot.Outbox;
using LearningBot.Storage;

namespace LearningBot.FiveMinuteReview.Asking;

/// <summary>
/// Requests for a review and discarding drafts, in the review table's manager partitions. A request and the card
/// that tells the manager are written in one transaction (an outbox row), so the card is owed from the moment the
/// request is saved and is sent until it arrives.
/// </summary>
public sealed class ReviewRequests(TableStorage tables)
{
    private const string RequestPrefix = "request|";

    private readonly LazyTable _table = tables.Table(ReviewStore.TableName);

    public static string RequestKey(string personId) => RequestPrefix + TableKeys.Encode(personId);

    /// <summary>One card per request: the outbox row's id is made from the person and the moment they asked.</summary>
    public static string NotificationId(ReviewRequestEntity request) =>
        $"request-{TableKeys.Encode(request.PersonId)}-{request.RequestedAt.UtcTicks}";

    public async Task<ReviewRequestEntity?> GetAsync(string managerId, string personId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<ReviewRequestEntity>(ReviewStore.Partition(managerId), RequestKey(personId), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Saves the request in place of <paramref name="previous"/> (null when there was none) and owes the manager
    /// <paramref name="note"/>, together; false when another request was saved meanwhile, and nothing was written.
    /// </summary>
    public async Task<bool> SaveAsync(ReviewRequestEntity request, ReviewRequestEntity? previous, OutboxMessage note, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var partition = ReviewStore.Partition(request.ManagerId);
        var keyed = request with { PartitionKey = partition, RowKey = RequestKey(request.PersonId) };
        List<TableTransactionAction> actions =
        [
            previous is null
                ? new TableTransactionAction(TableTransactionActionType.Add, keyed)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, keyed, previous.ETag),
            new TableTransactionAction(TableTransactionActionType.Add, note.ToEntity(partition, NotificationId(request), request.RequestedAt)),
        ];
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException)
        {
            return false;
        }
    }

    /// <summary>Deletes the manager's draft for the person only if it is still at <paramref name="version"/>; false when it changed or is gone.</summary>
    public async Task<bool> DeleteDraftAsync(string managerId, string personId, ETag version, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.DeleteEntityAsync(ReviewStore.Partition(managerId), ReviewStore.DraftKey(personId), version, cancellationToken);
            return true;
        }
        catch (RequestFailedException failure) when (failure.IsConcurrencyConflict() || failure.Status == 404)
        {
            return false;
        }
    }
}
