namespace LearningBot.OneStopShop.Knowledge;

/// <summary>
/// Turns text into a vector of its meaning (unit length), so that a question and an article about the same thing lie
/// close together even when they share no words.
/// </summary>
public interface ISentenceEmbedder
{
    /// <summary>The model's name: embeddings from different models never mix (the cache is keyed by it).</summary>
    string Model { get; }

    /// <summary>One vector per article text, in order.</summary>
    float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);

    /// <summary>The vector of a question, as the model expects questions to be put.</summary>
    float[] EmbedQuestion(string question);

    /// <summary>
    /// Whether the model's vocabulary holds <paramref name="word"/> (lower case) as one token, so it reads it as the
    /// word it is rather than as fragments. False when the model does not say.
    /// </summary>
    bool ReadsWhole(ReadOnlySpan<char> word) => false;
}
