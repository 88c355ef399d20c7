using System.Collections.Concurrent;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// The shipped embedding model, loaded once for the test run, remembering every text it has embedded and starting from
/// the vectors shipped with the knowledge base (<see cref="ShippedEmbeddings"/>, which <c>ShippedEmbeddingsTests</c>
/// proves are the model's own and complete): the real knowledge base (some 800 passages, phrasings and signpost
/// examples, half a minute or more on two cores) is not embedded again by every run. Anything else is embedded once.
/// </summary>
public static class RealModel
{
    private static readonly Lazy<RememberingEmbedder> Shared = new(() =>
        new RememberingEmbedder(new SharedSentenceEmbedderSource().LoadAsync(new HybridOptions().Model, CancellationToken.None).GetAwaiter().GetResult()));

    /// <summary>The vectors shipped in the repository's knowledge folder for <paramref name="model"/>, empty when none ship.</summary>
    public static Dictionary<string, float[]> Shipped(string model)
    {
        var path = ShippedEmbeddings.PathOf(KnowledgeFixtures.RealKnowledgeFolder, model);
        if (!File.Exists(path))
        {
            return new(StringComparer.Ordinal);
        }

        using var file = File.OpenRead(path);
        return ShippedEmbeddings.Read(file);
    }

    public static ISentenceEmbedder Embedder => Shared.Value;

    /// <summary>For a bot under test: the shared model under its configured name, any other model loaded as the bot would.</summary>
    public static ISentenceEmbedderSource Source { get; } = new RealModelSource();

    private sealed class RealModelSource : ISentenceEmbedderSource
    {
        public Task<ISentenceEmbedder> LoadAsync(string model, CancellationToken cancellationToken) =>
            string.Equals(model, new HybridOptions().Model, StringComparison.OrdinalIgnoreCase)
                ? Task.Run(() => Embedder, cancellationToken)
                : new SharedSentenceEmbedderSource().LoadAsync(model, cancellationToken);
    }

    private sealed class RememberingEmbedder(ISentenceEmbedder model) : ISentenceEmbedder
    {
        private readonly ConcurrentDictionary<string, float[]> _articles = new(Shipped(model.Model), StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, float[]> _questions = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public string Model => model.Model;

        public float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
        {
            // One caller embeds at a time, so classes that start together wait for the base rather than each embedding it.
            lock (_gate)
            {
                var missing = texts.Where(t => !_articles.ContainsKey(ArticleMeaning.HashOf(t))).Distinct(StringComparer.Ordinal).ToList();
                if (missing.Count > 0)
                {
                    foreach (var (text, vector) in missing.Zip(model.EmbedArticles(missing, cancellationToken)))
                    {
                        _articles.TryAdd(ArticleMeaning.HashOf(text), vector);
                    }
                }
            }

            return [.. texts.Select(t => _articles[ArticleMeaning.HashOf(t)])];
        }

        public float[] EmbedQuestion(string question) => _questions.GetOrAdd(question, model.EmbedQuestion);

        public bool ReadsWhole(ReadOnlySpan<char> word) => model.ReadsWhole(word);
    }
}
