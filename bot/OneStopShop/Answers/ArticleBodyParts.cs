using System.Text;
using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Answers;

/// <summary>
/// An article's text as the editor shows it, so that the editor card stays under Teams' 28 KB: whole when it is short,
/// otherwise in parts of at most <see cref="PartBytes"/> measured as the text travels in the card (the connector's own
/// JSON, where a line break takes two bytes and <c>’</c> six). Parts break between paragraphs, else between lines, then
/// sentences, then words. Put back together the parts are the text exactly, so saving one part keeps the others as they
/// are; <see cref="Version"/> says which text the parts were cut from, so a part is never put back into another.
/// </summary>
public sealed class ArticleBodyParts
{
    /// <summary>A part's bytes in the card: with the rest of the editor, well under 28 KB.</summary>
    public const int PartBytes = 8_000;

    /// <summary>
    /// The most the editor's text box takes in one go. Above <see cref="PartBytes"/>, so a part can grow; once saved, a
    /// longer text is cut into more parts the next time it is opened.
    /// </summary>
    public const int PartLength = 12_000;

    private static readonly string[] Breaks = ["\n\n", "\n", ". ", " "];

    private readonly IReadOnlyList<string> _parts;

    private ArticleBodyParts(IReadOnlyList<string> parts, string version)
    {
        _parts = parts;
        Version = version;
    }

    /// <summary>How many parts: 1 for a text that fits the editor whole.</summary>
    public int Count => _parts.Count;

    /// <summary>A short fingerprint of the whole text the parts were cut from.</summary>
    public string Version { get; }

    public static ArticleBodyParts Of(string body, int partBytes = PartBytes)
    {
        ArgumentNullException.ThrowIfNull(body);
        var parts = new List<string>();
        var part = new StringBuilder();
        var used = 0;
        foreach (var piece in Pieces(body, partBytes, level: 0))
        {
            var size = Bytes(piece);
            if (part.Length > 0 && used + size > partBytes)
            {
                parts.Add(part.ToString());
                part.Clear();
                used = 0;
            }

            part.Append(piece);
            used += size;
        }

        parts.Add(part.ToString());
        return new ArticleBodyParts(parts, VersionOf(body));
    }

    /// <summary>The fingerprint of <paramref name="body"/>, as <see cref="Version"/> gives it.</summary>
    public static string VersionOf(string body) => StableKey.Of(body, 16);

    /// <summary>Part <paramref name="number"/> (from 1) as the text box shows it: without the break that follows it.</summary>
    public string Part(int number) => _parts[Index(number)].TrimEnd();

    /// <summary>The whole text with part <paramref name="number"/> replaced by <paramref name="text"/>, the break after it kept.</summary>
    public string With(int number, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var index = Index(number);
        var original = _parts[index];
        var after = original[original.TrimEnd().Length..];
        var replaced = text.TrimEnd() + (index == _parts.Count - 1 ? string.Empty : after.Length > 0 ? after : "\n\n");
        return string.Concat(_parts.Take(index).Append(replaced).Concat(_parts.Skip(index + 1)));
    }

    /// <summary>The bytes <paramref name="text"/> takes as a JSON string on the wire, quotes included.</summary>
    public static int Bytes(string text) => JsonSerializer.SerializeToUtf8Bytes(text, BotJson.Options).Length;

    private int Index(int number) =>
        number >= 1 && number <= _parts.Count ? number - 1 : throw new ArgumentOutOfRangeException(nameof(number), number, $"The text has {_parts.Count} parts.");

    /// <summary>The text in pieces that each fit <paramref name="room"/>, every piece keeping the break that ends it.</summary>
    private static IEnumerable<string> Pieces(string text, int room, int level)
    {
        if (text.Length == 0 || Bytes(text) <= room)
        {
            yield return text;
            yield break;
        }

        if (level == Breaks.Length)
        {
            foreach (var cut in Cut(text, room))
            {
                yield return cut;
            }

            yield break;
        }

        var start = 0;
        while (start < text.Length)
        {
            var found = text.IndexOf(Breaks[level], start, StringComparison.Ordinal);
            var end = found < 0 ? text.Length : found + Breaks[level].Length;
            foreach (var piece in Pieces(text[start..end], room, level + 1))
            {
                yield return piece;
            }

            start = end;
        }
    }

    /// <summary>A word longer than a part: cut where it must be, counting each character's bytes, never inside a surrogate pair.</summary>
    private static IEnumerable<string> Cut(string text, int room)
    {
        const int Quotes = 2;
        var start = 0;
        var used = Quotes;
        for (var i = 0; i < text.Length;)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length ? 2 : 1;
            var size = Bytes(text.Substring(i, width)) - Quotes;
            if (i > start && used + size > room)
            {
                yield return text[start..i];
                start = i;
                used = Quotes;
            }

            used += size;
            i += width;
        }

        yield return text[start..];
    }
}
