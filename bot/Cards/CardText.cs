using System.Text;

namespace LearningBot.Cards;

/// <summary>
/// Text a person typed, for a card someone else reads. Teams renders a <c>TextBlock</c> or <c>FactSet</c> value as
/// Markdown (bold, italic, lists, links), so a question such as <c>[Re-verify your NHSmail](https://evil.example)</c>
/// would show as a link with a harmless-looking label. <see cref="Literal"/> puts a backslash before every character
/// Markdown gives a meaning to, which CommonMark (and Teams) then shows as the character itself; the person sees
/// exactly what was typed. Use it for user-typed fields in card data that is displayed, never for input values
/// (<c>Input.Text</c> shows text as it is, backslashes included) or for action data.
/// </summary>
public static class CardText
{
    /// <summary>Every character with a meaning in Markdown, links, emphasis, code, headings, quotes and lists, plus the
    /// brackets of Adaptive Cards' <c>{{DATE(...)}}</c> and of HTML and autolinks.</summary>
    private const string Special = "\\*_[]()#-+!`~>|<{}";

    /// <summary>How much of a question a card echoes back ("You asked: …"); the rest is cut with an ellipsis.</summary>
    public const int EchoLength = 200;

    /// <summary>
    /// A question echoed on a card: cut at a word before <see cref="EchoLength"/> characters with an ellipsis, so a long
    /// message does not push the answer off the screen, then made <see cref="Literal"/>.
    /// </summary>
    public static string Echo(string? question) => Literal(Cut(question?.Trim(), EchoLength));

    /// <summary>The text as it is when it fits in <paramref name="length"/> characters, else cut at a word with an ellipsis.</summary>
    public static string Cut(string? text, int length)
    {
        if (string.IsNullOrEmpty(text) || text.Length <= length)
        {
            return text ?? string.Empty;
        }

        var cut = text[..(length - 1)];
        var lastSpace = cut.LastIndexOf(' ');
        if (lastSpace > length / 2)
        {
            cut = cut[..lastSpace];
        }

        return cut.TrimEnd(' ', ',', ';', ':', '.') + "…";
    }

    /// <summary>The text with Markdown characters escaped, so it renders literally; empty for null.</summary>
    public static string Literal(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var result = new StringBuilder(text.Length + (text.Length / 8) + 4);
        var lineStart = 0;
        while (lineStart <= text.Length)
        {
            var newline = text.IndexOf('\n', lineStart);
            var lineEnd = newline < 0 ? text.Length : newline;
            AppendLine(result, text.AsSpan(lineStart, lineEnd - lineStart));
            if (newline < 0)
            {
                break;
            }

            result.Append('\n');
            lineStart = newline + 1;
        }

        return result.ToString();
    }

    private static void AppendLine(StringBuilder result, ReadOnlySpan<char> line)
    {
        // "1. item" and "1) item" start a numbered list; "===" under a line makes it a heading.
        var indent = line.Length - line.TrimStart(' ').Length;
        var digits = 0;
        while (indent + digits < line.Length && char.IsAsciiDigit(line[indent + digits]))
        {
            digits++;
        }

        var listDot = digits is > 0 and <= 9 && indent + digits < line.Length && line[indent + digits] == '.' ? indent + digits : -1;
        var headingUnderline = line.Trim().Length > 0 && !line.Trim().ContainsAnyExcept('=') ? indent : -1;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (Special.Contains(c, StringComparison.Ordinal) || i == listDot || i == headingUnderline || (c == '&' && StartsEntity(line[(i + 1)..])))
            {
                result.Append('\\');
            }

            result.Append(c);
        }
    }

    /// <summary>"&amp;amp;", "&amp;#169;": an HTML entity Markdown would turn into a character.</summary>
    private static bool StartsEntity(ReadOnlySpan<char> rest)
    {
        var name = rest.StartsWith('#') ? rest[1..] : rest;
        var length = 0;
        while (length < name.Length && length <= 32 && char.IsAsciiLetterOrDigit(name[length]))
        {
            length++;
        }

        return length > 0 && length < name.Length && name[length] == ';';
    }
}
