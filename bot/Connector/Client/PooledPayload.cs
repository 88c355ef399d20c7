using System.Buffers;
using System.Text.Json;

namespace LearningBot.Connector.Client;

/// <summary>
/// A request body serialized once into a pooled array and sent by every attempt of the call, instead of a fresh array
/// per call. The array goes back to the pool only when the call <see cref="Settle">settled</see> with an answer: after
/// a timeout or a broken connection the handler may in theory still hold the body, so it is left to the collector.
/// </summary>
internal sealed class PooledPayload : IDisposable
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private byte[]? _rented;
    private bool _settled;

    private PooledPayload(byte[] rented, int length)
    {
        _rented = rented;
        Length = length;
    }

    public int Length { get; }

    public static PooledPayload Serialize(object body) => WithJson(body, static json =>
    {
        var rented = ArrayPool<byte>.Shared.Rent(json.Length);
        json.CopyTo(rented);
        return new PooledPayload(rented, json.Length);
    });

    /// <summary>
    /// Serializes <paramref name="body"/> with the connector's options into a buffer kept per thread and hands the JSON
    /// to <paramref name="use"/>, which must not keep the span.
    /// </summary>
    public static T WithJson<T>(object body, Func<ReadOnlySpan<byte>, T> use)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(use);
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(4 * 1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = BotJson.Options.Encoder, SkipValidation = true });
        try
        {
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, body, body.GetType(), BotJson.Options);
            writer.Flush();
            return use(buffer.WrittenSpan);
        }
        finally
        {
            // A buffer that grew for an unusually large body is not kept.
            if (buffer.Capacity > 256 * 1024)
            {
                t_buffer = null;
                t_writer = null;
            }
            else
            {
                buffer.ResetWrittenCount();
            }
        }
    }

    /// <summary>The body for one attempt (the content does not own the array).</summary>
    public HttpContent ToContent() =>
        new ByteArrayContent(_rented ?? throw new ObjectDisposedException(nameof(PooledPayload)), 0, Length);

    /// <summary>An attempt is about to send the body.</summary>
    public void Sending() => _settled = false;

    /// <summary>The attempt got an answer: nothing reads the body any more.</summary>
    public void Settle() => _settled = true;

    public void Dispose()
    {
        if (_rented is { } rented && _settled)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        _rented = null;
    }
}
