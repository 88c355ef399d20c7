using System.Globalization;

namespace LearningBot.Cards.Templating;

/// <summary>
/// Parses the part of the Adaptive Expressions language the binder supports, with its precedence
/// (tightest first): <c>!</c>; <c>== !=</c>; <c>&lt; &lt;= &gt; &gt;=</c>; <c>&amp;&amp;</c>; <c>||</c>.
/// Note that, as in the reference, equality binds tighter than ordering. Anything else is refused.
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly string[] Functions = ["empty", "count"];

    private readonly string source;
    private readonly int start;
    private int pos;

    private ExpressionParser(string source, int start)
    {
        this.source = source;
        this.start = start;
        pos = start;
    }

    /// <summary>Parses the expression that starts at <paramref name="start"/> (just after <c>${</c>) up to its closing brace.</summary>
    /// <returns>The expression and the index just past the closing brace.</returns>
    public static (Expr Expression, int End) ParseEmbedded(string source, int start)
    {
        var parser = new ExpressionParser(source, start);
        parser.SkipSpace();
        if (parser.Peek() == '}')
        {
            throw new ExpressionSyntaxException("${}", "the expression is empty");
        }

        var expression = parser.ParseOr();
        parser.SkipSpace();
        if (parser.Peek() != '}')
        {
            throw parser.Error(parser.AtEnd ? "the expression has no closing '}'" : $"unexpected '{parser.Peek()}'");
        }

        if (expression is LiteralExpr)
        {
            throw parser.Error("a constant needs no expression; write the text itself");
        }

        return (expression, parser.pos + 1);
    }

    private bool AtEnd => pos >= source.Length;

    private char Peek(int ahead = 0) => pos + ahead < source.Length ? source[pos + ahead] : '\0';

    private string SourceText => "${" + source[start..Math.Min(source.Length, SourceEnd())] + "}";

    private int SourceEnd()
    {
        var close = source.IndexOf('}', pos);
        return close < 0 ? source.Length : close;
    }

    private ExpressionSyntaxException Error(string reason) => new(SourceText, reason);

    private string Slice(int from) => source[from..pos].Trim();

    private void SkipSpace()
    {
        while (!AtEnd && char.IsWhiteSpace(source[pos]))
        {
            pos++;
        }
    }

    private bool Accept(string token)
    {
        SkipSpace();
        if (string.CompareOrdinal(source, pos, token, 0, token.Length) != 0)
        {
            return false;
        }

        pos += token.Length;
        return true;
    }

    private Expr ParseOr()
    {
        var from = pos;
        var left = ParseAnd();
        while (Accept("||"))
        {
            var right = ParseAnd();
            left = new OrExpr(Slice(from), left, right);
        }

        return left;
    }

    private Expr ParseAnd()
    {
        var from = pos;
        var left = ParseOrdering();
        while (Accept("&&"))
        {
            var right = ParseOrdering();
            left = new AndExpr(Slice(from), left, right);
        }

        return left;
    }

    private Expr ParseOrdering()
    {
        var from = pos;
        var left = ParseEquality();
        while (true)
        {
            SkipSpace();
            Comparison op;
            if (Accept("<=")) op = Comparison.LessOrEqual;
            else if (Accept(">=")) op = Comparison.GreaterOrEqual;
            else if (Peek() == '<' && Peek(1) != '>' && Accept("<")) op = Comparison.Less;
            else if (Accept(">")) op = Comparison.Greater;
            else return left;

            var right = ParseEquality();
            left = new CompareExpr(Slice(from), op, left, right);
        }
    }

    private Expr ParseEquality()
    {
        var from = pos;
        var left = ParseUnary();
        while (true)
        {
            Comparison op;
            if (Accept("==")) op = Comparison.Equal;
            else if (Accept("!=")) op = Comparison.NotEqual;
            else return left;

            var right = ParseUnary();
            left = new CompareExpr(Slice(from), op, left, right);
        }
    }

    private Expr ParseUnary()
    {
        var from = pos;
        SkipSpace();
        if (Peek() == '!' && Peek(1) != '=')
        {
            pos++;
            var operand = ParseUnary();
            return new NotExpr(Slice(from), operand);
        }

        return ParsePrimary();
    }

    private Expr ParsePrimary()
    {
        SkipSpace();
        var from = pos;
        var c = Peek();
        if (c == '(')
        {
            pos++;
            var inner = ParseOr();
            if (!Accept(")"))
            {
                throw Error("a '(' has no matching ')'");
            }

            return inner;
        }

        if (c is '\'' or '"')
        {
            return ParseString(c);
        }

        if (char.IsAsciiDigit(c))
        {
            return ParseNumber();
        }

        if (c == '$' || char.IsAsciiLetter(c) || c == '_')
        {
            var name = ReadIdentifier();
            SkipSpace();
            if (Peek() == '(')
            {
                return ParseCall(name, from);
            }

            return name switch
            {
                "true" => new LiteralExpr(name, JsValues.True),
                "false" => new LiteralExpr(name, JsValues.False),
                "null" => new LiteralExpr(name, null),
                _ => ParsePath(name, from),
            };
        }

        throw Error(AtEnd || c == '}'
            ? "an operand is missing"
            : $"'{c}' is not supported; expressions may use paths, quoted text, numbers, true/false/null, ( ), !, ==, !=, <, <=, >, >=, &&, || and the functions empty() and count()");
    }

    private string ReadIdentifier()
    {
        var from = pos;
        if (Peek() == '$')
        {
            pos++;
        }

        while (char.IsAsciiLetterOrDigit(Peek()) || Peek() == '_')
        {
            pos++;
        }

        return source[from..pos];
    }

    private Expr ParseCall(string name, int from)
    {
        if (!Functions.Contains(name, StringComparer.Ordinal))
        {
            throw Error($"the function '{name}' is not supported; only empty() and count() are");
        }

        pos++;
        var argument = ParseOr();
        if (Accept(","))
        {
            throw Error($"{name}() takes one argument");
        }

        if (!Accept(")"))
        {
            throw Error($"{name}( has no closing ')'");
        }

        var text = Slice(from);
        return name == "empty" ? new EmptyExpr(text, argument) : new CountExpr(text, argument);
    }

    private PathExpr ParsePath(string first, int from)
    {
        var root = first switch
        {
            "$root" => PathRoot.Root,
            "$data" => PathRoot.Data,
            "$index" => PathRoot.Index,
            _ when first.StartsWith('$') => throw Error($"'{first}' is not supported; only $root, $data and $index are"),
            _ => PathRoot.Data,
        };

        var steps = new List<PathStep>();
        if (!first.StartsWith('$'))
        {
            steps.Add(new PathStep(first, 0));
        }

        while (true)
        {
            if (Peek() == '.')
            {
                pos++;
                var name = ReadIdentifier();
                if (name.Length == 0 || name.StartsWith('$') || char.IsAsciiDigit(name[0]))
                {
                    throw Error("a '.' must be followed by a property name");
                }

                steps.Add(new PathStep(name, 0));
            }
            else if (Peek() == '[')
            {
                pos++;
                SkipSpace();
                var digitsFrom = pos;
                while (char.IsAsciiDigit(Peek()))
                {
                    pos++;
                }

                if (pos == digitsFrom || !int.TryParse(source.AsSpan(digitsFrom, pos - digitsFrom), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || !Accept("]"))
                {
                    throw Error("only a whole-number index such as [0] is supported inside [ ]; use a '.' for property names");
                }

                steps.Add(new PathStep(null, index));
            }
            else
            {
                return new PathExpr(Slice(from), root, [.. steps]);
            }
        }
    }

    private LiteralExpr ParseString(char quote)
    {
        var from = pos;
        var close = source.IndexOf(quote, pos + 1);
        if (close < 0)
        {
            throw Error("quoted text has no closing quote");
        }

        pos = close + 1;
        return new LiteralExpr(source[from..pos], source[(from + 1)..close]);
    }

    private LiteralExpr ParseNumber()
    {
        var from = pos;
        while (char.IsAsciiDigit(Peek()))
        {
            pos++;
        }

        if (Peek() == '.' && char.IsAsciiDigit(Peek(1)))
        {
            pos++;
            while (char.IsAsciiDigit(Peek()))
            {
                pos++;
            }
        }

        var text = source[from..pos];
        return new LiteralExpr(text, double.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }
}
