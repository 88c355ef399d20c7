using LearningBot.Storage;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// A cached article embedding: partition = model, row = SHA-256 of the embedded text, so an unchanged article is never
/// embedded twice and an edited one is embedded afresh. Holds no personal data: only a vector of the article's words.
/// </summary>
public sealed record ArticleEmbedding : TableRow
{
    /// <summary>The vector as little-endian 32-bit floats.</summary>
    public byte[] Vector { get; set; } = [];

    public static ArticleEmbedding Of(string model, string contentHash, float[] vector)
    {
        var bytes = new byte[vector.Length * sizeof(float)];
        Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
        return new ArticleEmbedding { PartitionKey = model, RowKey = contentHash, Vector = bytes };
    }

    public float[] ToVector()
    {
        var vector = new float[Vector.Length / sizeof(float)];
        Buffer.BlockCopy(Vector, 0, vector, 0, vector.Length * sizeof(float));
        return vector;
    }
}
