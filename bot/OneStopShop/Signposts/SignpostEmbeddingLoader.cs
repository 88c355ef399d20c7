using Azure.Data.Tables;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>
/// Embeds the signposts' example phrasings in the background once the bot has started, with the articles' model and
/// their cache (table <c>ArticleEmbeddings</c>, keyed by content hash), so an unchanged example is never embedded twice.
/// Until this is done, and if the model cannot be used, signposts are recognised by their trigger phrases alone.
/// </summary>
public sealed class SignpostEmbeddingLoader(
    SignpostMatcher matcher,
    ISentenceEmbedderSource source,
    TableStorage tables,
    IOptions<AnswerOptions> answerOptions,
    IOptions<SignpostOptions> options,
    ILogger<SignpostEmbeddingLoader> logger) : BackgroundService
{
    private readonly LazyTable _table = tables.Table(ArticleEmbeddings.TableName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hybrid = answerOptions.Value.Hybrid;
        if (!hybrid.Enabled || !options.Value.Enabled || matcher.Examples.Count == 0)
        {
            return;
        }

        try
        {
            var embedder = await source.LoadAsync(hybrid.Model, stoppingToken);
            var examples = matcher.Examples;
            var cached = await CachedAsync(embedder.Model, [.. examples.Select(ArticleMeaning.HashOf)], stoppingToken);
            var missing = examples.Where(e => !cached.ContainsKey(ArticleMeaning.HashOf(e))).Distinct().ToList();
            if (missing.Count > 0)
            {
                var vectors = await Task.Run(() => embedder.EmbedArticles(missing, stoppingToken), stoppingToken);
                var embedded = missing.Select((text, i) => (Hash: ArticleMeaning.HashOf(text), Vector: vectors[i])).ToList();
                foreach (var (hash, vector) in embedded)
                {
                    cached[hash] = vector;
                }

                await CacheAsync(embedder.Model, embedded, stoppingToken);
            }

            matcher.Attach(embedder.Model, [.. examples.Select(e => cached[ArticleMeaning.HashOf(e)])]);
            logger.LogInformation("Recognising signposts by meaning as well as words: {Examples} examples, {Embedded} embedded now", examples.Count, missing.Count);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Trigger phrases still signpost; meaning only widens what is recognised.
            logger.LogError(exception, "The signposts' examples could not be embedded; signposts are recognised by their trigger phrases alone");
        }
    }

    /// <summary>The cached vectors of <paramref name="hashes"/> that exist; none when storage cannot be read now.</summary>
    private async Task<Dictionary<string, float[]>> CachedAsync(string model, HashSet<string> hashes, CancellationToken cancellationToken)
    {
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            var rows = await table.ListAsync<ArticleEmbedding>(TableClient.CreateQueryFilter($"PartitionKey eq {model}"), cancellationToken: cancellationToken);
            return rows.Where(row => hashes.Contains(row.RowKey)).ToDictionary(row => row.RowKey, row => row.ToVector(), StringComparer.Ordinal);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not read the cached embeddings; embedding the signposts' examples without the cache");
            return new(StringComparer.Ordinal);
        }
    }

    private async Task CacheAsync(string model, IEnumerable<(string Hash, float[] Vector)> embeddings, CancellationToken cancellationToken)
    {
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            foreach (var (hash, vector) in embeddings)
            {
                await table.UpsertEntityAsync(ArticleEmbedding.Of(model, hash, vector), TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not cache the signposts' example embeddings; they will be embedded again at the next start");
        }
    }
}
