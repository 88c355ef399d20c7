using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;

namespace LearningBot.Connector.Hosting;

/// <summary>
/// An invoke response kept for redeliveries: its status and its body as gzipped UTF-8 JSON, the form the claim row
/// stores (<see cref="InboundActivityEntity.InvokeBodyGzip"/>). A card kept this way is a kilobyte or two instead of the
/// objects and JSON documents it was built from, and it is read back only when a redelivery replays it.
/// </summary>
/// <remarks>
/// A body larger than <see cref="MaxBodyBytes"/> compressed is not kept (the status is): a redelivery gets the status
/// without a body, whichever instance it reaches.
/// </remarks>
public sealed class PackedInvokeResponse
{
    /// <summary>Binary table properties hold at most 64 KiB, and the claim row is where every instance reads a replay from.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public PackedInvokeResponse(int status, byte[]? bodyGzip)
    {
        Status = status;
        BodyGzip = bodyGzip is { Length: <= MaxBodyBytes } ? bodyGzip : null;
    }

    public int Status { get; }

    public byte[]? BodyGzip { get; }

    /// <summary>The response as a redelivery gets it: the same status, and the body as the JSON the first run answered with.</summary>
    public InvokeResponse Unpack() => new(Status, BodyGzip is { } compressed ? Decompress(compressed) : null);

    public static PackedInvokeResponse Pack(InvokeResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return new PackedInvokeResponse(response.Status, response.Body is { } body ? PooledPayload.WithJson(body, Compress) : null);
    }

    /// <summary>A body already written as JSON (claim rows from before <see cref="InboundActivityEntity.InvokeBodyGzip"/>).</summary>
    public static PackedInvokeResponse FromJson(int status, ReadOnlySpan<byte> json) => new(status, Compress(json));

    /// <summary>Fastest level: a card's repeated names and styles compress well even so.</summary>
    /// <remarks>
    /// Compressed into a pooled buffer that is large enough for any input (gzip adds at most a few bytes per 16 KB block
    /// and a header), so the only array made is the result itself.
    /// </remarks>
    private static byte[] Compress(ReadOnlySpan<byte> json)
    {
        var room = json.Length + (json.Length >> 8) + 64;
        var rented = ArrayPool<byte>.Shared.Rent(room);
        try
        {
            using var compressed = new MemoryStream(rented, 0, room, writable: true);
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(json);
            }

            return rented.AsSpan(0, (int)compressed.Position).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static JsonElement Decompress(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(gzip);
        return document.RootElement.Clone();
    }
}
