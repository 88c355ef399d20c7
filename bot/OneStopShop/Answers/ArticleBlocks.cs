using System.Text;
using System.Text.RegularExpressions;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// Turns an article's Markdown into TextBlocks using only what Adaptive Cards' TextBlock renders (bold, italic,
/// bulleted and numbered lists, links): headings become bold blocks, paragraphs are joined, lists stay lists,
/// and everything else (code, images, HTML, tables) is flattened to text.
/// </summary>
public static partial class ArticleBlocks
{
    /// <summary>The article's blocks in order; <see cref="ArticlePages"/> lays them out in pages that fit a card.</summary>
    public static IReadOnlyList<ArticleBlock> Of(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return [.. Parse(markdown)];
    }

    private static IEnumerable<ArticleBlock> Parse(string markdown)
    {
        var paragraph = new List<string>();
        var list = new List<string>();
        var numbered = false;
        var inCode = false;
        foreach (var rawLine in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = rawLine.TrimEnd();
            if (CodeFence().IsMatch(line))
            {
                inCode = !inCode;
                continue;
            }

            if (!inCode && Heading().Match(line) is { Success: true } heading)
            {
                foreach (var pending in Flush(paragraph, list, numbered))
                {
                    yield return pending;
                }

                var level = heading.Groups[1].Value.Length;
                yield return new ArticleBlock(Inline(heading.Groups[2].Value), "Bolder", level <= 2 ? "Medium" : "Default", "Medium");
                continue;
            }

            if (!inCode && ListItem().Match(line) is { Success: true } item)
            {
                var isNumbered = char.IsDigit(item.Groups[1].Value[0]);
                if (paragraph.Count > 0 || (list.Count > 0 && isNumbered != numbered))
                {
                    foreach (var pending in Flush(paragraph, list, numbered))
                    {
                        yield return pending;
                    }
                }

                numbered = isNumbered;
                list.Add(Inline(item.Groups[2].Value));
                continue;
            }

            if (line.Trim().Length == 0 || TableRule().IsMatch(line))
            {
                if (line.Trim().Length == 0)
                {
                    foreach (var pending in Flush(paragraph, list, numbered))
                    {
                        yield return pending;
                    }
                }

                continue;
            }

            if (list.Count > 0 && rawLine.StartsWith("  ", StringComparison.Ordinal))
            {
                list[^1] += " " + Inline(line.Trim());
                continue;
            }

            if (list.Count > 0)
            {
                foreach (var pending in Flush(paragraph, list, numbered))
                {
                    yield return pending;
                }
            }

            paragraph.Add(Inline(line.Trim().TrimStart('>').Trim()));
        }

        foreach (var pending in Flush(paragraph, list, numbered))
        {
            yield return pending;
        }
    }

    private static IEnumerable<ArticleBlock> Flush(List<string> paragraph, List<string> list, bool numbered)
    {
        if (paragraph.Count > 0)
        {
            yield return new ArticleBlock(string.Join(' ', paragraph));
            paragraph.Clear();
        }

        if (list.Count > 0)
        {
            var text = new StringBuilder();
            for (var i = 0; i < list.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : "\n").Append(numbered ? $"{i + 1}. " : "- ").Append(list[i]);
            }

            yield return new ArticleBlock(text.ToString());
            list.Clear();
        }
    }

    /// <summary>Keeps bold, italic and links; flattens images, code spans, HTML and table pipes.</summary>
    private static string Inline(string text)
    {
        text = Image().Replace(text, "$1");
        text = HtmlTag().Replace(text, string.Empty);
        text = text.Replace("`", string.Empty, StringComparison.Ordinal).Replace("~~", string.Empty, StringComparison.Ordinal);
        text = text.Trim().Trim('|').Replace(" | ", " - ", StringComparison.Ordinal);
        return text.Trim();
    }

    [GeneratedRegex(@"^\s*(```|~~~)")]
    private static partial Regex CodeFence();

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s{0,3}([-*+]|\d{1,3}[.)])\s+(.*)$")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"<[^>\n]+>")]
    private static partial Regex HtmlTag();
}
