using System.Globalization;

namespace LearningBot.Privacy;

/// <summary>
/// Text as the detectors read it: full-width and other Unicode digits and letters as ASCII, every kind of space
/// (non-breaking, thin, ideographic, tab) as a plain space, zero-width characters and soft hyphens left out, dashes
/// and minus signs as <c>-</c>, curly quotes as straight ones. Each character remembers where it came from, so a
/// finding replaces exactly the original characters (zero-width ones inside it included).
/// </summary>
internal sealed class NormalisedText
{
    private readonly int[] _source;

    private NormalisedText(string original, string text, int[] source)
    {
        Original = original;
        Text = text;
        _source = source;
    }

    public string Original { get; }

    public string Text { get; }

    public static NormalisedText From(string original)
    {
        var text = new char[original.Length];
        var source = new int[original.Length];
        var length = 0;
        for (var i = 0; i < original.Length; i++)
        {
            if (Map(original[i]) is { } mapped)
            {
                text[length] = mapped;
                source[length] = i;
                length++;
            }
        }

        return new NormalisedText(original, new string(text, 0, length), source[..length]);
    }

    /// <summary>The original range behind <see cref="Text"/>[<paramref name="start"/>..<paramref name="end"/>).</summary>
    public (int Start, int End) ToOriginal(int start, int end) => (_source[start], _source[end - 1] + 1);

    private static char? Map(char c)
    {
        if (c < 0x80)
        {
            return c is '\t' or '\v' or '\f' ? ' ' : c == '\r' ? '\n' : c;
        }

        switch (c)
        {
            case '\u00AD' or '\u180E' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF':
                return null;
            case >= '\uFF01' and <= '\uFF5E':
                return (char)(c - 0xFEE0);
            case '\u2028' or '\u2029' or '\u0085':
                return '\n';
            case >= '\u2010' and <= '\u2015' or '\u2212' or '\uFE58' or '\uFE63':
                return '-';
            case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u02BC' or '\u2032':
                return '\'';
            case '\u201C' or '\u201D' or '\u201E' or '\u2033':
                return '"';
            case '\u2024' or '\u3002' or '\uFE52':
                return '.';
            case '\u2044' or '\u2215':
                return '/';
            case '\uFE6B':
                return '@';
        }

        if (char.IsWhiteSpace(c))
        {
            return ' ';
        }

        if (char.IsDigit(c) && CharUnicodeInfo.GetDecimalDigitValue(c) is >= 0 and <= 9 and var digit)
        {
            return (char)('0' + digit);
        }

        return c;
    }
}
