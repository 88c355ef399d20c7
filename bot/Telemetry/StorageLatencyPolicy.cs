using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LearningBot.Telemetry;

/// <summary>
/// An Azure SDK pipeline policy that records each storage call in <c>learningbot.storage.duration</c> (ms), tagged
/// with the table (or queue) name, the HTTP method and the status: never keys, filters, messages or values. Add it
/// where the client is built: <c>options.AddPolicy(new StorageLatencyPolicy(), HttpPipelinePosition.PerCall)</c> on
/// <c>TableClientOptions</c> (<see cref="ForQueues"/> on <c>QueueClientOptions</c>) measures each call as the bot sees
/// it, retries included (<see cref="HttpPipelinePosition.PerRetry"/> would measure each attempt). Costs one check when
/// no meter listens; when one does, the names and statuses are cached, so a call costs only the request path the SDK
/// builds as a string for the name to be read from (a few hundred bytes, next to the kilobytes of the call itself).
/// </summary>
public sealed class StorageLatencyPolicy : HttpPipelinePolicy
{
    /// <summary>More distinct names than the bot has tables and queues: past this, names are no longer cached.</summary>
    private const int MaxCachedNames = 512;

    private static readonly object[] BoxedStatuses = [.. Enumerable.Range(0, 600).Select(status => (object)status)];

    private static readonly ConcurrentDictionary<string, string> Names = new(StringComparer.Ordinal);

    private readonly bool _queues;

    /// <summary>For table clients: tagged <see cref="TelemetryTags.StorageTable"/>.</summary>
    public StorageLatencyPolicy()
    {
    }

    private StorageLatencyPolicy(bool queues) => _queues = queues;

    /// <summary>For queue clients: tagged <see cref="TelemetryTags.StorageQueue"/>.</summary>
    public static StorageLatencyPolicy ForQueues() => new(queues: true);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!BotTelemetry.StorageDuration.Enabled)
        {
            ProcessNext(message, pipeline);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Record(message, started);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (!BotTelemetry.StorageDuration.Enabled)
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        }
        finally
        {
            Record(message, started);
        }
    }

    private void Record(HttpMessage message, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var path = message.Request.Uri.Path;
        var status = message.HasResponse ? message.Response.Status : 0;
        var tags = new TagList
        {
            _queues ? new(TelemetryTags.StorageQueue, QueueOf(path)) : new(TelemetryTags.StorageTable, TableOf(path)),
            { TelemetryTags.HttpMethod, message.Request.Method.Method },
            { TelemetryTags.HttpStatusCode, (uint)status < BoxedStatuses.Length ? BoxedStatuses[status] : status },
        };
        BotTelemetry.StorageDuration.Record(elapsed, tags);
    }

    /// <summary>
    /// The table a request path names: the last segment without its <c>(keys)</c> (<c>/Questions(PartitionKey=…)</c> →
    /// <c>Questions</c>; <c>/devstoreaccount1/People()</c> → <c>People</c>); <c>Tables</c> for table operations and
    /// <c>$batch</c> for transactions; a delivery's ledger table without its delivery id (<c>Ledger</c>).
    /// </summary>
    public static string TableOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var span = path.AsSpan();
        var query = span.IndexOf('?');
        var trimmed = (query >= 0 ? span[..query] : span).TrimEnd('/');
        var segment = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        var open = segment.IndexOf('(');
        var name = open >= 0 ? segment[..open] : segment;
        name = WithoutDeliveryId(name);
        return name.Length is > 0 and <= 63 && (name is "$batch" || !name.ContainsAnyExcept(AsciiLettersAndDigits)) ? Cached(name) : "unknown";
    }

    /// <summary>
    /// The queue a request path names: the segment before <c>messages</c> (<c>/outbox-kicks/messages/…</c>,
    /// <c>/devstoreaccount1/outbox-kicks/messages</c> → <c>outbox-kicks</c>), else the last one (creating the queue).
    /// </summary>
    public static string QueueOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var span = path.AsSpan();
        var query = span.IndexOf('?');
        var trimmed = (query >= 0 ? span[..query] : span).TrimEnd('/');
        var messages = trimmed.IndexOf("/messages", StringComparison.Ordinal);
        var beforeMessages = messages >= 0 ? trimmed[..messages] : trimmed;
        var name = beforeMessages[(beforeMessages.LastIndexOf('/') + 1)..];
        return name.Length is >= 3 and <= 63 && !name.ContainsAnyExcept(QueueNameCharacters) ? Cached(name) : "unknown";
    }

    /// <summary>
    /// A delivery's ledger table (<c>Ledger</c> and the 32 hex digits of its delivery id) as <c>Ledger</c>: a tag per
    /// delivery would give the metric a new series for every delivery ever made.
    /// </summary>
    private static ReadOnlySpan<char> WithoutDeliveryId(ReadOnlySpan<char> name)
    {
        const int IdLength = 32;
        if (name.Length > IdLength && !name[^IdLength..].ContainsAnyExcept(LowerHexDigits)
            && name[..^IdLength].EndsWith(LedgerTable, StringComparison.Ordinal))
        {
            return name[..^IdLength];
        }

        return name;
    }

    private const string LedgerTable = "Ledger";

    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static readonly System.Buffers.SearchValues<char> AsciiLettersAndDigits =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly System.Buffers.SearchValues<char> QueueNameCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>The one string for a name seen before, so a measured call allocates no name.</summary>
    private static string Cached(ReadOnlySpan<char> name)
    {
        var lookup = Names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var known))
        {
            return known;
        }

        var created = name.ToString();
        return Names.Count < MaxCachedNames ? Names.GetOrAdd(created, created) : created;
    }
}
