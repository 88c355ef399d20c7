using System.Collections.Concurrent;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>Where the bot gets its embedding model; replaced in tests by one that counts its calls or is never ready.</summary>
public interface ISentenceEmbedderSource
{
    Task<ISentenceEmbedder> LoadAsync(string model, CancellationToken cancellationToken);
}

/// <summary>
/// One instance of each model per process, loaded off the request path: a model is a few tens of megabytes and takes
/// about a second to load, and every host in the process (several in a test run) can share it, since ONNX Runtime
/// runs one session from many threads.
/// </summary>
public sealed class SharedSentenceEmbedderSource : ISentenceEmbedderSource
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<ISentenceEmbedder>>> Loaded = new(StringComparer.OrdinalIgnoreCase);

    public Task<ISentenceEmbedder> LoadAsync(string model, CancellationToken cancellationToken) =>
        Loaded.GetOrAdd(model, name => new Lazy<Task<ISentenceEmbedder>>(() => Task.Run<ISentenceEmbedder>(() => OnnxSentenceEmbedder.Load(name), CancellationToken.None)))
            .Value.WaitAsync(cancellationToken);
}
