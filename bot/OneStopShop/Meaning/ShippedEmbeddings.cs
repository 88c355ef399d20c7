using System.Buffers.Binary;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Signposts;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// The vectors of the shipped knowledge base (articles, their passages and phrasings, the signposts' examples), made
/// with each model ahead of time by <c>scripts/embed-knowledge.sh</c> and kept beside the articles as
/// <c>knowledge/embeddings/&lt;model&gt;.vectors</c>. A first start on a new deployment reads them instead of spending
/// half a minute or more of CPU embedding what every deployment ships. They sit under the table cache: a text edited
/// since (in Teams or in the repository) has another hash, is not found here and is embedded as before. A missing or
/// unreadable file only means everything is embedded at start, as without it.
/// </summary>
public sealed class ShippedEmbeddings
{
    public const string FolderName = "embeddings";
    private const string Extension = ".vectors";

    /// <summary>"LBV1": the format's mark and version.</summary>
    private const uint Magic = 0x3156424C;
    private const int HashBytes = 32;

    private readonly string _folder;
    private readonly ILogger<ShippedEmbeddings> _logger;
    private readonly Dictionary<string, IReadOnlyDictionary<string, float[]>> _byModel = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public ShippedEmbeddings(IOptions<AnswerOptions> options, IHostEnvironment environment, ILogger<ShippedEmbeddings> logger)
    {
        _folder = Path.Combine(OneStopShopServiceCollectionExtensions.ResolveFolder(options.Value.KnowledgePath, environment.ContentRootPath), FolderName);
        _logger = logger;
    }

    /// <summary>The shipped vectors of <paramref name="model"/> by content hash (<see cref="ArticleMeaning.HashOf(string)"/>), empty when none ship.</summary>
    public IReadOnlyDictionary<string, float[]> For(string model)
    {
        lock (_gate)
        {
            if (!_byModel.TryGetValue(model, out var vectors))
            {
                vectors = Load(model);
                _byModel[model] = vectors;
            }

            return vectors;
        }
    }

    /// <summary>Every text the bot embeds from the knowledge folder as shipped: each article's head, passages and phrasings, and the signposts' examples.</summary>
    public static IReadOnlyList<string> TextsOf(string knowledgeFolder) =>
    [
        .. AnswerEngine.Load(knowledgeFolder).Knowledge.Articles.SelectMany(ArticleMeaning.TextsOf)
            .Concat(SignpostMatcher.Load(knowledgeFolder).Examples)
            .Distinct(StringComparer.Ordinal),
    ];

    public static string PathOf(string knowledgeFolder, string model) => Path.Combine(knowledgeFolder, FolderName, model + Extension);

    /// <summary>Reads a vectors file: the mark, the count and the dimension, then each hash (32 bytes) and its little-endian floats.</summary>
    public static Dictionary<string, float[]> Read(Stream stream)
    {
        using var reader = new BinaryReader(stream);
        if (reader.ReadUInt32() != Magic)
        {
            throw new InvalidDataException("Not a vectors file.");
        }

        var count = reader.ReadInt32();
        var dimensions = reader.ReadInt32();
        if (count < 0 || dimensions is <= 0 or > 4096)
        {
            throw new InvalidDataException($"A vectors file cannot hold {count} vectors of {dimensions} dimensions.");
        }

        var vectors = new Dictionary<string, float[]>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var hash = Convert.ToHexStringLower(reader.ReadBytes(HashBytes));
            var bytes = reader.ReadBytes(dimensions * sizeof(float));
            if (bytes.Length != dimensions * sizeof(float))
            {
                throw new InvalidDataException("The vectors file ends early.");
            }

            var vector = new float[dimensions];
            for (var d = 0; d < dimensions; d++)
            {
                vector[d] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(d * sizeof(float)));
            }

            vectors[hash] = vector;
        }

        return vectors;
    }

    /// <summary>Writes <paramref name="vectors"/> (hash → vector, all of one dimension) in hash order, so an unchanged base writes the same bytes.</summary>
    public static void Write(Stream stream, IReadOnlyDictionary<string, float[]> vectors)
    {
        var dimensions = vectors.Values.Select(v => v.Length).Distinct().ToList();
        if (dimensions.Count > 1)
        {
            throw new ArgumentException("Every vector must have the same dimension.", nameof(vectors));
        }

        using var writer = new BinaryWriter(stream);
        writer.Write(Magic);
        writer.Write(vectors.Count);
        writer.Write(dimensions.FirstOrDefault(1));
        Span<byte> value = stackalloc byte[sizeof(float)];
        foreach (var (hash, vector) in vectors.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            writer.Write(Convert.FromHexString(hash));
            foreach (var component in vector)
            {
                BinaryPrimitives.WriteSingleLittleEndian(value, component);
                writer.Write(value);
            }
        }
    }

    private IReadOnlyDictionary<string, float[]> Load(string model)
    {
        var path = Path.Combine(_folder, model + Extension);
        if (!File.Exists(path))
        {
            return new Dictionary<string, float[]>();
        }

        try
        {
            using var file = File.OpenRead(path);
            var vectors = Read(file);
            _logger.LogInformation("Read {Count} shipped vectors of {Model} from {Path}", vectors.Count, model, path);
            return vectors;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException or EndOfStreamException)
        {
            _logger.LogWarning(exception, "Could not read the shipped vectors of {Model} from {Path}; the knowledge base is embedded at start instead", model, path);
            return new Dictionary<string, float[]>();
        }
    }
}
