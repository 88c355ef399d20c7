using System.Buffers;
using System.Text.Json;
using LearningBot.Connector;

namespace LearningBot.Cards.Templating;

/// <summary>
/// How bound cards are written: with the Bot Connector's JSON encoder (so a card reads the same whether it is sent as
/// bytes or as a node), into a buffer and writer kept per thread, because a bind runs to its end without awaiting.
/// </summary>
internal static class CardWriting
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = BotJson.Options.Encoder ?? System.Text.Encodings.Web.JavaScriptEncoder.Default };

    /// <summary>Buffers that grew past this for an unusually large card are not kept for the next bind.</summary>
    private const int KeepBufferBytes = 256 * 1024;

    [ThreadStatic]
    private static Scratch? t_scratch;

    /// <summary>Writes with <paramref name="write"/> and hands the written bytes to <paramref name="read"/>, which must not keep them.</summary>
    public static TResult Write<TState, TResult>(TState state, Action<Utf8JsonWriter, TState> write, Func<ReadOnlySpan<byte>, TResult> read)
    {
        var scratch = t_scratch ?? new Scratch();
        t_scratch = null;
        try
        {
            scratch.Writer.Reset(scratch.Buffer);
            write(scratch.Writer, state);
            scratch.Writer.Flush();
            return read(scratch.Buffer.WrittenSpan);
        }
        finally
        {
            if (scratch.Buffer.Capacity <= KeepBufferBytes)
            {
                scratch.Buffer.ResetWrittenCount();
                t_scratch = scratch;
            }
        }
    }

    private sealed class Scratch
    {
        public ArrayBufferWriter<byte> Buffer { get; } = new(8 * 1024);

        public Utf8JsonWriter Writer { get; }

        public Scratch() => Writer = new Utf8JsonWriter(Buffer, WriterOptions);
    }
}
