// Embeds every text of the shipped knowledge base (articles' heads, passages and phrasings, signposts' examples) with
// each model and writes knowledge/embeddings/<model>.vectors, which the bot reads at start instead of embedding them.
// Usage (through scripts/embed-knowledge.sh): KnowledgeVectors <knowledge folder> [models, comma-separated]
using System.Diagnostics;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;

var folder = Path.GetFullPath(args.Length > 0 ? args[0] : "knowledge");
var models = (args.Length > 1 ? args[1] : new HybridOptions().Model).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
var texts = ShippedEmbeddings.TextsOf(folder).Select(text => (Text: text, Hash: ArticleMeaning.HashOf(text))).ToList();

foreach (var model in models)
{
    var path = ShippedEmbeddings.PathOf(folder, model);
    var kept = ReadKept(path);
    var vectors = texts.Where(t => kept.ContainsKey(t.Hash)).ToDictionary(t => t.Hash, t => kept[t.Hash], StringComparer.Ordinal);
    var missing = texts.Where(t => !kept.ContainsKey(t.Hash)).ToList();
    var clock = Stopwatch.StartNew();
    var embedder = await new SharedSentenceEmbedderSource().LoadAsync(model, CancellationToken.None);
    foreach (var batch in missing.Chunk(16))
    {
        foreach (var (text, vector) in batch.Zip(embedder.EmbedArticles([.. batch.Select(t => t.Text)])))
        {
            vectors[text.Hash] = vector;
        }
    }

    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    await using (var file = File.Create(path))
    {
        ShippedEmbeddings.Write(file, vectors);
    }

    Console.WriteLine($"{model}: {vectors.Count} texts, {missing.Count} embedded now in {clock.Elapsed.TotalSeconds:0.0} s, {kept.Count - (vectors.Count - missing.Count)} no longer shipped dropped: {path}");
}

// Vectors of texts that have not changed are kept, so a small edit embeds only what it changed.
static Dictionary<string, float[]> ReadKept(string path)
{
    if (!File.Exists(path))
    {
        return new(StringComparer.Ordinal);
    }

    using var file = File.OpenRead(path);
    return ShippedEmbeddings.Read(file);
}
