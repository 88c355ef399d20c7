using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// A stand-in model that needs no loading: each word lands in one of 384 dimensions. Counts every article it embeds,
/// so a test can see whether the cache was used.
/// </summary>
public sealed class WordHashEmbedder(string model) : ISentenceEmbedder
{
    private int _articlesEmbedded;

    public string Model { get; } = model;

    public int ArticlesEmbedded => Volatile.Read(ref _articlesEmbedded);

    public float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        Interlocked.Add(ref _articlesEmbedded, texts.Count);
        return [.. texts.Select(Embed)];
    }

    public float[] EmbedQuestion(string question) => Embed(question);

    private static float[] Embed(string text)
    {
        var vector = new float[384];
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', '?', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var hash = 2166136261u;
            foreach (var c in word)
            {
                hash = (hash ^ c) * 16777619u;
            }

            vector[hash % 384] += 1;
        }

        var length = MathF.Sqrt(vector.Sum(v => v * v));
        return length == 0 ? vector : [.. vector.Select(v => v / length)];
    }
}

/// <summary>Hands the bot a given model, or one that never finishes loading.</summary>
public sealed class GivenEmbedderSource(ISentenceEmbedder? embedder) : ISentenceEmbedderSource
{
    public async Task<ISentenceEmbedder> LoadAsync(string model, CancellationToken cancellationToken)
    {
        if (embedder is null)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return embedder!;
    }
}
