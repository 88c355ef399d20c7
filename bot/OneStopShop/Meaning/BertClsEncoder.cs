using System.Buffers;
using System.Reflection;
using LearningBot.OneStopShop.Knowledge;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// Runs a BERT model shipped in a SentenceTransformers package (its model.onnx and vocab.txt) the way the package's own
/// encoder does: the [CLS] token's last hidden state, scaled to length one. It differs only in cost: each text runs at
/// its own length (a batch is not padded to its longest text), the token ids go to ONNX Runtime from a pooled buffer
/// (the attention mask and token types, all ones and zeros for one text, from shared constants), only the hidden states
/// are asked for, and the vector is read straight from the output without per-element allocations.
/// </summary>
public sealed class BertClsEncoder : ISentenceEncoder, IDisposable
{
    private static readonly long[] Ones = [.. Enumerable.Repeat(1L, WordPieceTokenizer.MaxTokens)];
    private static readonly long[] Zeros = new long[WordPieceTokenizer.MaxTokens];
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly InferenceSession _session;
    private readonly WordPieceTokenizer _tokenizer;
    private readonly string[] _outputNames;
    private readonly int _dimensions;

    /// <summary>Shared by every run that cannot be cancelled, as ONNX Runtime shares its own default run options.</summary>
    private readonly RunOptions _uncancellable = new();

    public BertClsEncoder(byte[] model, WordPieceTokenizer tokenizer, SessionOptions options)
    {
        _session = new InferenceSession(model, options);
        _tokenizer = tokenizer;
        var output = _session.OutputMetadata.First();
        _outputNames = [output.Key];
        _dimensions = output.Value.Dimensions[^1];
    }

    /// <summary>The model and vocabulary embedded in a SentenceTransformers package's assembly.</summary>
    public static BertClsEncoder FromPackage(Assembly package, SessionOptions options)
    {
        using var vocabulary = ResourceLoader.OpenResource(package, "vocab.txt")
            ?? throw new InvalidOperationException($"{package.GetName().Name} has no vocabulary.");
        return new BertClsEncoder(ResourceLoader.GetResource(package, "model.onnx"), WordPieceTokenizer.Read(vocabulary), options);
    }

    public int Dimensions => _dimensions;

    public float[][] Encode(string[] sentences, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        var vectors = new float[sentences.Length][];
        if (!cancellationToken.CanBeCanceled)
        {
            for (var i = 0; i < sentences.Length; i++)
            {
                vectors[i] = Encode(sentences[i], _uncancellable);
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
                    vectors[i] = Encode(sentences[i], runOptions);
                }
                catch (OnnxRuntimeException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
        }

        return vectors;
    }

    /// <summary>One text, at its own length.</summary>
    public float[] Encode(string sentence, RunOptions runOptions)
    {
        var ids = ArrayPool<long>.Shared.Rent(WordPieceTokenizer.MaxTokens);
        try
        {
            var count = _tokenizer.Encode(sentence, ids);
            long[] shape = [1, count];
            using var inputIds = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, count), shape);
            using var attentionMask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, Ones.AsMemory(0, count), shape);
            using var tokenTypes = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, Zeros.AsMemory(0, count), shape);
            using var outputs = _session.Run(runOptions, InputNames, [inputIds, attentionMask, tokenTypes], _outputNames);

            // The first row of [1, tokens, dimensions] is the [CLS] token's.
            var vector = outputs[0].GetTensorDataAsSpan<float>()[.._dimensions].ToArray();
            var scale = 1f / MathF.Max(MathF.Sqrt(SemanticIndex.Dot(vector, vector)), 1e-12f);
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] *= scale;
            }

            return vector;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
        }
    }

    public void Dispose()
    {
        _uncancellable.Dispose();
        _session.Dispose();
    }
}
