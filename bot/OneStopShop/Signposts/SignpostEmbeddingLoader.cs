using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
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
    EmbeddingCache cache,
    IOptions<AnswerOptions> answerOptions,
    IOptions<SignpostOptions> options,
    ILogger<SignpostEmbeddingLoader> logger) : BackgroundService
{
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
            var cached = await cache.ReadAsync(embedder.Model, stoppingToken) ?? new(StringComparer.Ordinal);
            var missing = examples.Where(e => !cached.ContainsKey(ArticleMeaning.HashOf(e))).Distinct().ToList();
            if (missing.Count > 0)
            {
                var vectors = await Task.Run(() => embedder.EmbedArticles(missing, stoppingToken), stoppingToken);
                var embedded = missing.Select((text, i) => (Hash: ArticleMeaning.HashOf(text), Vector: vectors[i])).ToList();
                foreach (var (hash, vector) in embedded)
                {
                    cached[hash] = vector;
                }

                await cache.WriteAsync(embedder.Model, embedded, stoppingToken);
            }

            matcher.Attach(embedder.Model, [.. examples.Select(e => cached[ArticleMeaning.HashOf(e)])]);
            logger.LogInformation("Recognising signposts by meaning as well as words: {Examples} examples, {Embedded} embedded now", examples.Count, missing.Count);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the model's runtime ends a run in progress with its own exception, which is not a failure.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Trigger phrases still signpost; meaning only widens what is recognised.
            logger.LogError(exception, "The signposts' examples could not be embedded; signposts are recognised by their trigger phrases alone");
        }
    }
}
