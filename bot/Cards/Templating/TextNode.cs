using System.Buffers;
using System.Text.Json;

namespace LearningBot.Cards.Templating;

/// <summary>Text with expressions inside it: every part is turned into text the way JavaScript would.</summary>
internal sealed class TextNode(object[] parts, int literalLength) : TemplateNode
{
    public override void WriteValue(Utf8JsonWriter writer, in Scope scope, BindContext context)
    {
        var text = new PooledText(literalLength + (16 * parts.Length));
        try
        {
            foreach (var part in parts)
            {
                if (part is string literal)
                {
                    text.Append(literal);
                    continue;
                }

                var expression = (Expr)part;
                switch (JsValues.Prim(ValueNode.Evaluate(expression, scope, context)))
                {
                    case string s:
                        text.Append(s);
                        break;
                    case double d:
                        text.Append(JsValues.FormatNumber(d));
                        break;
                    case bool b:
                        text.Append(b ? "true" : "false");
                        break;
                    case null:
                        throw context.Fail(expression, "the value is null, which cannot be shown inside text");
                    case var other:
                        throw context.Fail(expression, $"the value is {JsValues.TypeName(other)}, which cannot be shown inside text");
                }
            }

            writer.WriteStringValue(text.Written);
        }
        finally
        {
            text.Dispose();
        }
    }

    public override void WriteItems(Utf8JsonWriter writer, in Scope scope, BindContext context) =>
        WriteValue(writer, scope, context);

    /// <summary>Characters in a pooled array: the text goes to the writer, never to a string.</summary>
    private struct PooledText(int capacity)
    {
        private char[] _chars = ArrayPool<char>.Shared.Rent(capacity);
        private int _length;

        public readonly ReadOnlySpan<char> Written => _chars.AsSpan(0, _length);

        public void Append(string value)
        {
            if (_length + value.Length > _chars.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _length + value.Length));
                Written.CopyTo(larger);
                ArrayPool<char>.Shared.Return(_chars);
                _chars = larger;
            }

            value.CopyTo(_chars.AsSpan(_length));
            _length += value.Length;
        }

        public void Dispose() => ArrayPool<char>.Shared.Return(_chars);
    }
}
