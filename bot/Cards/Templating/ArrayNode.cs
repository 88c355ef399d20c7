using System.Text.Json;
using System.Text.Json.Nodes;

namespace LearningBot.Cards.Templating;

internal sealed class ArrayNode(TemplateNode[] items) : TemplateNode
{
    public override void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        writer.WriteStartArray();
        WriteItems(writer, scope, context);
        writer.WriteEndArray();
    }

    // Lists flatten one level and drop "nothing", exactly as the reference's expansion does.
    public override void WriteItems(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        foreach (var item in items)
        {
            item.WriteItems(writer, scope, context);
        }
    }

    /// <summary>Adds an expanded constant to a constant list at load time, with the same splicing.</summary>
    public static void AddExpanded(JsonArray target, JsonNode? expanded)
    {
        switch (expanded)
        {
            case null:
                return;
            case JsonArray many:
                var moved = many.ToArray();
                many.Clear();
                foreach (var node in moved)
                {
                    target.Add(node);
                }

                return;
            default:
                target.Add(expanded);
                return;
        }
    }
}
