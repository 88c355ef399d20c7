using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using LearningBot.OneStopShop.Signposts;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// The vectors shipped with the knowledge base (<c>knowledge/embeddings</c>): complete for what the bot embeds, the
/// model's own, and read at start so that a new deployment embeds none of the shipped texts.
/// </summary>
public sealed class ShippedEmbeddingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string Model = new HybridOptions().Model;

    [Fact]
    public void The_shipped_vectors_cover_every_text_the_bot_embeds_from_the_shipped_knowledge_base()
    {
        var shipped = RealModel.Shipped(Model);

        var missing = ShippedEmbeddings.TextsOf(KnowledgeFixtures.RealKnowledgeFolder).Where(text => !shipped.ContainsKey(ArticleMeaning.HashOf(text))).ToList();

        Assert.True(missing.Count == 0,
            $"{missing.Count} texts of the knowledge base have no shipped vector (run scripts/embed-knowledge.sh), for example: {missing.FirstOrDefault()}");
    }

    [Fact]
    public async Task The_shipped_vectors_are_the_models_own()
    {
        var shipped = RealModel.Shipped(Model);
        var texts = ShippedEmbeddings.TextsOf(KnowledgeFixtures.RealKnowledgeFolder);
        var sample = texts.Where((_, i) => i % 97 == 0).ToList();

        var model = await new SharedSentenceEmbedderSource().LoadAsync(Model, CancellationToken.None);
        var embedded = model.EmbedArticles(sample);

        foreach (var (text, vector) in sample.Zip(embedded))
        {
            var cosine = Cosine(vector, shipped[ArticleMeaning.HashOf(text)]);
            Assert.True(cosine > 0.9999, $"the shipped vector of \"{text[..Math.Min(60, text.Length)]}\" is not the model's (cosine {cosine})");
        }
    }

    [Fact]
    public void A_vectors_file_reads_back_exactly_what_was_written()
    {
        var vectors = new Dictionary<string, float[]>
        {
            [ArticleMeaning.HashOf("first")] = [0.25f, -1.5f, float.Epsilon],
            [ArticleMeaning.HashOf("second")] = [1f, 0f, -0.125f],
        };
        using var stream = new MemoryStream();

        ShippedEmbeddings.Write(stream, vectors);
        var read = ShippedEmbeddings.Read(new MemoryStream(stream.ToArray()));

        Assert.Equal(vectors.Keys.Order(), read.Keys.Order());
        Assert.All(vectors, pair => Assert.Equal(pair.Value, read[pair.Key]));
    }

    [Fact]
    public void Rejects_a_file_that_is_not_a_vectors_file()
    {
        Assert.Throws<InvalidDataException>(() => ShippedEmbeddings.Read(new MemoryStream("{\"not\":\"vectors\"}"u8.ToArray())));
    }

    [Fact]
    public async Task A_first_start_embeds_none_of_the_texts_the_knowledge_base_ships_vectors_for()
    {
        var counting = new WordHashEmbedder(Model);
        await using var bot = await BotTestHost.StartAsync(azurite, ArticleEmbeddingTests.Settings,
            services => services.AddSingleton<ISentenceEmbedderSource>(new GivenEmbedderSource(counting)));
        var engine = bot.Services.GetRequiredService<AnswerEngine>();
        var signposts = bot.Services.GetRequiredService<SignpostMatcher>();

        Assert.True(await Eventually.TrueAsync(() => engine.Semantic.IsReady && signposts.Model == Model), "the bot never became ready to answer by meaning");

        Assert.Equal(0, counting.ArticlesEmbedded);
        Assert.Equal(engine.Knowledge.Count, engine.Semantic.Count);
    }

    internal static double Cosine(float[] a, float[] b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return dot / Math.Sqrt(aa * bb);
    }
}
