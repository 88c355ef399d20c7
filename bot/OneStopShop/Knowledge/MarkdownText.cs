using System.Text.RegularExpressions;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>Renders an article's Markdown body as plain text for indexing (and for short previews).</summary>
public static partial class MarkdownText
{
    public static string ToPlainText(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        text = CodeFence().Replace(text, "\n");
        text = HtmlTag().Replace(text, " ");
        text = Image().Replace(text, "$1");
        text = Link().Replace(text, "$1");
        text = AutoLink().Replace(text, "$1");
        text = Heading().Replace(text, "$1.");
        text = BlockQuote().Replace(text, string.Empty);
        text = ListMarker().Replace(text, string.Empty);
        text = TableRule().Replace(text, string.Empty);
        text = text.Replace('|', ' ');
        text = Emphasis().Replace(text, string.Empty);
        text = Spaces().Replace(text, " ");
        return BlankLines().Replace(text, "\n\n").Trim();
    }

    [GeneratedRegex(@"^\s*(```|~~~).*$", RegexOptions.Multiline)]
    private static partial Regex CodeFence();

    [GeneratedRegex(@"<[^>\n]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<(https?://[^>]+)>")]
    private static partial Regex AutoLink();

    // A heading ends a thought: the full stop stops synonym phrases running into the next line.
    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}>\s?", RegexOptions.Multiline)]
    private static partial Regex BlockQuote();

    [GeneratedRegex(@"^\s*([-*+]|\d+[.)])\s+", RegexOptions.Multiline)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", RegexOptions.Multiline)]
    private static partial Regex TableRule();

    [GeneratedRegex(@"(\*{1,3}|_{2,3}|`+|~~)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
