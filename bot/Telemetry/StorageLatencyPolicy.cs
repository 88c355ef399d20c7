using System.Diagnostics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LearningBot.Telemetry;

/// <summary>
/// An Azure SDK pipeline policy that records each Table storage call in <c>learningbot.storage.duration</c> (ms), tagged
/// with the table name, the HTTP method and the status: never keys, filters or values. Add it where the table client is
/// built: <c>options.AddPolicy(new StorageLatencyPolicy(), HttpPipelinePosition.PerCall)</c> on
/// <c>TableClientOptions</c> measures each call as the bot sees it, retries included
/// (<see cref="HttpPipelinePosition.PerRetry"/> would measure each attempt). Costs one check when no meter listens.
/// </summary>
public sealed class StorageLatencyPolicy : HttpPipelinePolicy
{
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

    private static void Record(HttpMessage message, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var tags = new TagList
        {
            { TelemetryTags.StorageTable, TableOf(message.Request.Uri.Path) },
            { TelemetryTags.HttpMethod, message.Request.Method.Method },
            { TelemetryTags.HttpStatusCode, message.HasResponse ? message.Response.Status : 0 },
        };
        BotTelemetry.StorageDuration.Record(elapsed, tags);
    }

    /// <summary>
    /// The table a request path names: the last segment without its <c>(keys)</c> (<c>/Questions(PartitionKey=…)</c> →
    /// <c>Questions</c>; <c>/devstoreaccount1/People()</c> → <c>People</c>); <c>Tables</c> for table operations and
    /// <c>$batch</c> for transactions.
    /// </summary>
    public static string TableOf(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var trimmed = (query >= 0 ? path[..query] : path).TrimEnd('/');
        var segment = trimmed[(trimmed.LastIndexOf('/') + 1)..];
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        var name = open >= 0 ? segment[..open] : segment;
        return name.Length is > 0 and <= 63 && (name == "$batch" || name.All(char.IsAsciiLetterOrDigit)) ? name : "unknown";
    }
}
