using System.Text.Json;

namespace LearningBot.Storage.Serialization;

/// <summary>The OData type annotations the Table service uses for values JSON cannot type by itself.</summary>
internal static class EdmType
{
    public const string AnnotationSuffix = "@odata.type";

    public static readonly JsonEncodedText Int64 = JsonEncodedText.Encode("Edm.Int64");
    public static readonly JsonEncodedText Double = JsonEncodedText.Encode("Edm.Double");
    public static readonly JsonEncodedText DateTime = JsonEncodedText.Encode("Edm.DateTime");
    public static readonly JsonEncodedText Guid = JsonEncodedText.Encode("Edm.Guid");
    public static readonly JsonEncodedText Binary = JsonEncodedText.Encode("Edm.Binary");

    public static readonly JsonEncodedText PartitionKey = JsonEncodedText.Encode("PartitionKey");
    public static readonly JsonEncodedText RowKey = JsonEncodedText.Encode("RowKey");
}

/// <summary>A property's JSON name and its type-annotation name, encoded once per property.</summary>
internal sealed class PropertyNames
{
    public PropertyNames(string name)
    {
        Clr = name;
        Json = JsonEncodedText.Encode(name, JsonSetup.Encoder);
        Annotation = JsonEncodedText.Encode(name + EdmType.AnnotationSuffix, JsonSetup.Encoder);
        Utf8 = System.Text.Encoding.UTF8.GetBytes(name);
    }

    public string Clr { get; }

    public JsonEncodedText Json { get; }

    public JsonEncodedText Annotation { get; }

    public byte[] Utf8 { get; }
}

internal static class JsonSetup
{
    /// <summary>Non-ASCII text goes out as UTF-8 rather than \u escapes: smaller bodies, and nothing here is HTML.</summary>
    public static readonly System.Text.Encodings.Web.JavaScriptEncoder Encoder =
        System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder, SkipValidation = true };

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>A per-thread writer reset onto the given buffer, so request bodies cost no writer allocation.</summary>
    public static Utf8JsonWriter RentWriter(System.Buffers.IBufferWriter<byte> output)
    {
        var writer = t_writer;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(output, WriterOptions);
            t_writer = writer;
        }
        else
        {
            writer.Reset(output);
        }

        return writer;
    }
}
