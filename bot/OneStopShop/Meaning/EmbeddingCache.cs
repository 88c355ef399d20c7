using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// Embeddings by model and content hash in table storage, shared by every instance and every start: a text once embedded
/// with a model is read back, never embedded again. Rows are written a transaction at a time (one partition per model),
/// so a cold start's several hundred vectors cost a few dozen requests rather than one each. Under the table lie the
/// vectors shipped with the knowledge base (<see cref="ShippedEmbeddings"/>), read but never copied into it. Storage
/// trouble costs time, not answers: callers embed without the cache.
/// </summary>
public sealed class EmbeddingCache(TableStorage tables, ShippedEmbeddings shipped, ILogger<EmbeddingCache> logger)
{
    public const string TableName = "ArticleEmbeddings";

    /// <summary>Table storage's limit on the actions of one transaction.</summary>
    private const int RowsPerTransaction = 100;

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>Every cached vector of <paramref name="model"/> by content hash, or null when storage cannot be read now.</summary>
    public async Task<Dictionary<string, float[]>?> ReadAsync(string model, CancellationToken cancellationToken)
    {
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            var rows = await table.ListAsync<ArticleEmbedding>(TableClient.CreateQueryFilter($"PartitionKey eq {model}"), cancellationToken: cancellationToken);
            var vectors = new Dictionary<string, float[]>(shipped.For(model), StringComparer.Ordinal);
            foreach (var row in rows)
            {
                vectors[row.RowKey] = row.ToVector();
            }

            return vectors;
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not read the cached embeddings of {Model}; embedding without the cache", model);
            return null;
        }
    }

    public async Task WriteAsync(string model, IEnumerable<(string Hash, float[] Vector)> embeddings, CancellationToken cancellationToken)
    {
        var rows = embeddings.DistinctBy(e => e.Hash, StringComparer.Ordinal).ToList();
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            foreach (var chunk in rows.Chunk(RowsPerTransaction))
            {
                await table.SubmitTransactionAsync(
                    chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ArticleEmbedding.Of(model, e.Hash, e.Vector))),
                    cancellationToken);
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not cache {Count} embeddings of {Model}; they will be embedded again at the next start", rows.Count, model);
        }
    }
}
