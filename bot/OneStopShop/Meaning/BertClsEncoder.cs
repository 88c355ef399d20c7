using System.Buffers;
using System.Reflection;
using LearningBot.OneStopShop.Knowledge;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;
using SentenceTransformers;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// Runs a BERT model shipped in a SentenceTransformers package (its model.onnx and vocab.txt) the way the package's own
/// encoder does: the [CLS] token's last hidden state, scaled to length one. It differs only in cost: <see cref="Encode"/>
/// runs each text at its own length (the package pads a batch to its longest text), the token ids go to ONNX Runtime
/// from a pooled buffer (the attention mask and token types of one text from shared constants), only the hidden states
/// are asked for, the last layer computes the [CLS] row only (<see cref="ClsOnlyLastLayer"/>), and the vector is read
/// straight from the output without per-element allocations.
/// <see cref="EncodeTogether(IReadOnlyList{string})"/> runs several texts at once, for questions that arrive together.
/// A mean-pooled model (MiniLM) is read as its package reads it instead: the mean of every token's last hidden state,
/// padding left out, scaled to length one; its last layer then computes every row.
/// </summary>
public sealed class BertClsEncoder : ISentenceEncoder, IDisposable
{
    private static readonly long[] Ones = [.. Enumerable.Repeat(1L, WordPieceTokenizer.MaxTokens)];
    private static readonly long[] Zeros = new long[8 * WordPieceTokenizer.MaxTokens];
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly InferenceSession _session;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly string[] _outputNames;
    private readonly int _dimensions;
    private readonly bool _meanPooled;

    /// <summary>Shared by every run that cannot be cancelled, as ONNX Runtime shares its own default run options.</summary>
    private readonly RunOptions _uncancellable = new();

    public BertClsEncoder(byte[] model, WordPieceTokenizer tokenizer, SessionOptions options, bool meanPooled = false)
    {
        _meanPooled = meanPooled;
        _session = new InferenceSession(model, options);
        _tokenizer = tokenizer;
        var output = _session.OutputMetadata.First();
        _outputNames = [output.Key];
        _dimensions = output.Value.Dimensions[^1];
    }

    /// <summary>The tokenizer in front of the model.</summary>
    public WordPieceTokenizer Tokenizer => _tokenizer;

    /// <summary>
    /// The model and vocabulary embedded in a SentenceTransformers package's assembly; with <paramref name="eightBitWeights"/>,
    /// its weight matrices are quantized first (<see cref="EightBitWeights"/>). With <paramref name="meanPooled"/>, the
    /// vector is the mean of every token's row, so the last layer is left computing every row.
    /// </summary>
    public static BertClsEncoder FromPackage(Assembly package, SessionOptions options, bool eightBitWeights = false, bool meanPooled = false)
    {
        using var vocabulary = ResourceLoader.OpenResource(package, "vocab.txt")
            ?? throw new InvalidOperationException($"{package.GetName().Name} has no vocabulary.");
        var model = ModelProto.Parser.ParseFrom(ResourceLoader.GetResource(package, "model.onnx"));
        if (!meanPooled)
        {
            ClsOnlyLastLayer.Rewrite(model);
        }

        if (eightBitWeights)
        {
            EightBitWeights.Quantize(model);
        }

        return new BertClsEncoder(model.ToByteArray(), WordPieceTokenizer.Read(vocabulary), options, meanPooled);
    }

    public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var vectors = new float[sentences.Length][];
        if (!cancellationToken.CanBeCanceled)
        {
            for (var i = 0; i < sentences.Length; i++)
            {
                vectors[i] = EncodeTogether([sentences[i]], _uncancellable)[0];
            }

            return vectors;
        }

        using var runOptions = new RunOptions();
        using (cancellationToken.Register(() => runOptions.Terminate = true))
        {
            for (var i = 0; i < sentences.Length; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    vectors[i] = EncodeTogether([sentences[i]], runOptions)[0];
                }
                catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }

        return vectors;
    }

    /// <summary>Texts run together (see below) with no way to cancel them: the questions' path.</summary>
    public float[][] EncodeTogether(IReadOnlyList<string> sentences) => EncodeTogether(sentences, _uncancellable);

    /// <summary>
    /// Texts run together: padded to the longest with the padding masked out, which gives each text the vector it gets
    /// alone (to rounding) while the weights are read from memory once for all of them.
    /// </summary>
    public float[][] EncodeTogether(IReadOnlyList<string> sentences, RunOptions runOptions)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var count = sentences.Count;
        if (count == 0)
        {
            return [];
        }

        var ids = ArrayPool<long>.Shared.Rent(count * WordPieceTokenizer.MaxTokens);
        var mask = count == 1 ? Ones : ArrayPool<long>.Shared.Rent(count * WordPieceTokenizer.MaxTokens);
        var lengths = new int[count];
        try
        {
            var longest = 0;
            for (var i = 0; i < count; i++)
            {
                lengths[i] = _tokenizer.Encode(sentences[i], ids.AsSpan(i * WordPieceTokenizer.MaxTokens, WordPieceTokenizer.MaxTokens));
                longest = Math.Max(longest, lengths[i]);
            }

            if (count > 1)
            {
                // Rows laid end to end at the longest length, ids padded with [PAD] (0) and the mask with 0.
                for (var i = 0; i < count; i++)
                {
                    var row = ids.AsSpan(i * longest, longest);
                    ids.AsSpan(i * WordPieceTokenizer.MaxTokens, lengths[i]).CopyTo(row);
                    row[lengths[i]..].Clear();
                    mask.AsSpan(i * longest, lengths[i]).Fill(1);
                    mask.AsSpan((i * longest) + lengths[i], longest - lengths[i]).Clear();
                }
            }

            var tokens = count * longest;
            long[] shape = [count, longest];
            var types = tokens <= Zeros.Length ? Zeros : new long[tokens];
            using var inputIds = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, tokens), shape);
            using var attentionMask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, tokens), shape);
            using var tokenTypes = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, tokens), shape);
            using var outputs = _session.Run(runOptions, InputNames, [inputIds, attentionMask, tokenTypes], _outputNames);

            // Each text's first row of [texts, rows, dimensions] is its [CLS] token's: rows is 1 for a model whose last
            // layer computes that row only (ClsOnlyLastLayer), the text's length otherwise.
            var hidden = outputs[0].GetTensorDataAsSpan<float>();
            var rows = hidden.Length / (count * _dimensions);
            var vectors = new float[count][];
            for (var i = 0; i < count; i++)
            {
                var text = hidden.Slice(i * rows * _dimensions, rows * _dimensions);
                vectors[i] = _meanPooled ? Normalised(Mean(text, lengths[i])) : Normalised(text[.._dimensions]);
            }

            return vectors;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            if (count > 1)
            {
                ArrayPool<long>.Shared.Return(mask);
            }
        }
    }

    /// <summary>The mean of a text's first <paramref name="tokens"/> rows (the rest are padding).</summary>
    private float[] Mean(ReadOnlySpan<float> rows, int tokens)
    {
        var mean = new float[_dimensions];
        for (var t = 0; t < tokens; t++)
        {
            var row = rows.Slice(t * _dimensions, _dimensions);
            for (var d = 0; d < _dimensions; d++)
            {
                mean[d] += row[d];
            }
        }

        for (var d = 0; d < _dimensions; d++)
        {
            mean[d] /= tokens;
        }

        return mean;
    }

    private static float[] Normalised(ReadOnlySpan<float> cls)
    {
        var vector = cls.ToArray();
        var scale = 1f / MathF.Max(MathF.Sqrt(SemanticIndex.Dot(vector, vector)), 1e-12f);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    public void Dispose()
    {
        _uncancellable.Dispose();
        _session.Dispose();
    }
}
