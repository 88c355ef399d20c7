using System.Text.Json;

namespace LearningBot.Cards.Templating;

/// <summary>
/// A compiled template part, written straight to JSON: no tree of the bound card is built. The writing follows the
/// reference library's <c>internalExpand</c>, where a part expands to a value or to "nothing" (an object whose
/// <c>$when</c> is false, or a <c>$data</c> over an empty list), and a list expanded into a list is spliced into it.
/// Where a value is expected (<see cref="WriteValue"/>, a property) "nothing" is written as null; inside a list
/// (<see cref="WriteItems"/>) it is left out and a list's items are written one by one.
/// </summary>
internal abstract class TemplateNode
{
    /// <summary>Writes exactly one JSON value: null for "nothing".</summary>
    public abstract void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context);

    /// <summary>Writes what the part adds to a list: nothing for "nothing", a list's items spliced one level.</summary>
    public abstract void WriteItems(Utf8JsonWriter writer, in Scope scope, BindContext context);

    /// <summary>A value from the expression language as JSON (objects and lists from the data as they are).</summary>
    protected static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            default:
                throw new InvalidOperationException($"Unexpected value {value.GetType()}");
        }
    }
}
