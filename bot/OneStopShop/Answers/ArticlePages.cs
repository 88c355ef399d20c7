using System.Text.Json;
using System.Text.RegularExpressions;
using LearningBot.Connector;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// An article's blocks laid out in pages small enough for a Teams card. A page holds at most
/// <see cref="DefaultPageBytes"/> of blocks measured as they travel (the connector's own JSON, where <c>&amp;</c> or
/// <c>’</c> take six bytes), which leaves the rest of the 28 KB message for the title, summary and buttons.
/// Pages break between blocks (headings, paragraphs, lists); a block longer than a page is split between list items,
/// then sentences, then words.
/// </summary>
public static partial class ArticlePages
{
    public const int DefaultPageBytes = 12_000;

    /// <summary>Many tiny blocks cost more to render than their bytes say.</summary>
    public const int MaxBlocksPerPage = 40;

    /// <summary><c>"type":"TextBlock","wrap":true,</c> and the comma the template adds to each block.</summary>
    private const int TemplateBytesPerBlock = 36;

    /// <summary>More article bodies than the knowledge base has: past this the laid-out pages are forgotten and made again.</summary>
    private const int RememberedBodies = 512;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Markdown, int PageBytes), IReadOnlyList<IReadOnlyList<ArticleBlock>>> Laid = new();

    /// <summary>
    /// The pages of <paramref name="markdown"/>: always at least one (empty for an empty body). An article's pages depend
    /// on its text alone, so they are laid out once per text, not on every answer card.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ArticleBlock>> Of(string markdown, int pageBytes = DefaultPageBytes)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (Laid.TryGetValue((markdown, pageBytes), out var known))
        {
            return known;
        }

        var pages = Layout(markdown, pageBytes);
        if (Laid.Count >= RememberedBodies)
        {
            Laid.Clear();
        }

        Laid.TryAdd((markdown, pageBytes), pages);
        return pages;
    }

    private static IReadOnlyList<IReadOnlyList<ArticleBlock>> Layout(string markdown, int pageBytes)
    {
        var pages = new List<IReadOnlyList<ArticleBlock>>();
        var page = new List<ArticleBlock>();
        var used = 0;
        foreach (var block in ArticleBlocks.Of(markdown).SelectMany(b => Split(b, pageBytes)))
        {
            var size = SizeOf(block);
            if (page.Count > 0 && (used + size > pageBytes || page.Count == MaxBlocksPerPage))
            {
                pages.Add(page);
                page = [];
                used = 0;
            }

            page.Add(block);
            used += size;
        }

        pages.Add(page);
        return pages;
    }

    /// <summary>The block's bytes on the wire inside a card.</summary>
    public static int SizeOf(ArticleBlock block) => JsonSerializer.SerializeToUtf8Bytes(block, BotJson.Options).Length + TemplateBytesPerBlock;

    private static IEnumerable<ArticleBlock> Split(ArticleBlock block, int pageBytes)
    {
        if (SizeOf(block) <= pageBytes)
        {
            return [block];
        }

        var room = pageBytes - SizeOf(block with { Text = string.Empty });
        return Pieces(block.Text, room, level: 0).Select(text => block with { Text = text });
    }

    /// <summary>Joins the parts of <paramref name="text"/> at the widest boundary of <paramref name="level"/> into pieces within <paramref name="room"/>.</summary>
    private static IEnumerable<string> Pieces(string text, int room, int level)
    {
        if (TextBytes(text) <= room)
        {
            yield return text;
            yield break;
        }

        if (level == Boundaries.Length)
        {
            // One word longer than a page (a pasted link, say) is the only thing ever cut inside.
            foreach (var chunk in text.Chunk(Math.Max(1, room / 6)))
            {
                yield return new string(chunk);
            }

            yield break;
        }

        var (pattern, separator) = Boundaries[level];
        var piece = string.Empty;
        foreach (var part in pattern.Split(text).Where(p => p.Length > 0))
        {
            var joined = piece.Length == 0 ? part : piece + separator + part;
            if (TextBytes(joined) <= room)
            {
                piece = joined;
                continue;
            }

            if (piece.Length > 0)
            {
                yield return piece;
            }

            piece = string.Empty;
            foreach (var smaller in Pieces(part, room, level + 1))
            {
                if (piece.Length > 0)
                {
                    yield return piece;
                }

                piece = smaller;
            }
        }

        if (piece.Length > 0)
        {
            yield return piece;
        }
    }

    private static int TextBytes(string text) => JsonSerializer.SerializeToUtf8Bytes(text, BotJson.Options).Length;

    private static readonly (Regex Pattern, string Separator)[] Boundaries = [(Lines(), "\n"), (Sentences(), " "), (Words(), " ")];

    [GeneratedRegex(@"\n")]
    private static partial Regex Lines();

    [GeneratedRegex(@"(?<=[.!?:;])\s+")]
    private static partial Regex Sentences();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Words();
}
