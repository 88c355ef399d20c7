using LearningBot.Storage;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// One instance's claim on an inbound activity (table <c>InboundActivities</c>): the partition is the ten-minute bucket
/// the activity arrived in and a shard (<c>yyyyMMddHHmm-x</c>), so expired claims are removed by a range query; the row
/// key is a SHA-256 of the conversation and activity ids, so no id is stored. An invoke's claim carries its response
/// once the run has finished.
/// </summary>
public sealed record InboundActivityEntity : TableRow
{
    public bool IsInvoke { get; init; }

    public bool Finished { get; init; }

    public int? InvokeStatus { get; init; }

    /// <summary>The invoke response's body as JSON, as claims stored it before <see cref="InvokeBodyGzip"/>; read, never written.</summary>
    public string? InvokeBody { get; init; }

    /// <summary>
    /// The invoke response's body as gzip-compressed UTF-8 JSON (at most <see cref="InboundActivityClaims.MaxStoredResponseBytes"/>),
    /// or null. Compressed, a card is a few kilobytes to write instead of its JSON escaped inside the row's JSON.
    /// </summary>
    public byte[]? InvokeBodyGzip { get; init; }
}
