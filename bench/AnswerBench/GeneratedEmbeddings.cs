using System.Diagnostics;
using LearningBot.OneStopShop.Knowledge;

namespace AnswerBench;

/// <summary>
/// Embeddings of the generated base, kept in a file under obj/ after the first run: embedding 5,000 articles takes a
/// few minutes on two cores, and the generator is seeded, so the articles are the same every run.
/// </summary>
internal static class GeneratedEmbeddings
{
    private const int PassagesPerArticle = 7;

    public static void Attach(AnswerEngine engine, ISentenceEmbedder embedder, IReadOnlyList<KnowledgeArticle> articles, string file)
    {
        var texts = articles.Select(ArticleMeaning.TextOf).ToList();
        var vectors = Read(file, articles.Count);
        if (vectors is null)
        {
            var timer = Stopwatch.StartNew();
            vectors = [.. texts.Chunk(16).SelectMany(batch => embedder.EmbedArticles(batch))];
            Console.WriteLine($"  embedded {articles.Count} generated articles in {timer.Elapsed.TotalSeconds:F0} s (kept in {file})");
            Write(file, vectors);
        }
        else
        {
            Console.WriteLine($"  {articles.Count} generated articles' embeddings read from {file}");
        }

        // Real articles have six or seven passages and six to ten phrasings each. Embedding 70,000 generated passages and
        // phrasings would take over an hour, so for timing each article's passages and phrasings are other articles'
        // head vectors: real unit vectors, the same number of dot products per answer, meaningless for accuracy.
        var phrasings = GeneratedKnowledge.PhrasingsPerArticle;
        engine.Semantic.Set(articles.Select((article, i) =>
            (article.Id, ArticleMeaning.HashOf(texts[i]), Enumerable.Range(0, PassagesPerArticle + phrasings + 1).Select(k => vectors[(i + (k * 7)) % vectors.Length]).ToArray(), phrasings)));

        engine.Semantic.Attach(embedder);
    }

    private static float[][]? Read(string file, int count)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        using var reader = new BinaryReader(File.OpenRead(file));
        if (reader.ReadInt32() != count)
        {
            return null;
        }

        var dimensions = reader.ReadInt32();
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dimensions).Select(_ => reader.ReadSingle()).ToArray())];
    }

    private static void Write(string file, float[][] vectors)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        using var writer = new BinaryWriter(File.Create(file));
        writer.Write(vectors.Length);
        writer.Write(vectors[0].Length);
        foreach (var value in vectors.SelectMany(v => v))
        {
            writer.Write(value);
        }
    }
}
