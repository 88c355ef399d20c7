using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Schema;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Delivery;

/// <summary>
/// The headers workers read for every message (status and message to send), each trusted for
/// <c>Delivery:HeaderCacheDuration</c>: a cancel is therefore seen within that time, and a busy delivery costs one header
/// read per instance per interval instead of one per message.
/// </summary>
public sealed class DeliveryHeaders(DeliveryStore store, IOptions<DeliveryOptions> options) : IDisposable
{
    private const int Capacity = 256;

    private readonly BoundedCache<DeliveryHeader> _cache = new(Capacity, options.Value.HeaderCacheDuration > TimeSpan.Zero ? options.Value.HeaderCacheDuration : null);

    public async Task<DeliveryHeader?> GetAsync(string deliveryId, CancellationToken cancellationToken)
    {
        if (options.Value.HeaderCacheDuration > TimeSpan.Zero && _cache.TryGet(deliveryId, out var cached))
        {
            return cached;
        }

        var header = await store.FindHeaderAsync(deliveryId, cancellationToken);
        if (header is null)
        {
            return null;
        }

        var read = new DeliveryHeader(header.Status, JsonSerializer.Deserialize<Activity>(header.Activity, BotJson.Options)!);
        if (options.Value.HeaderCacheDuration > TimeSpan.Zero)
        {
            _cache.Set(deliveryId, read);
        }

        return read;
    }

    public void Forget(string deliveryId) => _cache.Remove(deliveryId);

    public void Dispose() => _cache.Dispose();
}
