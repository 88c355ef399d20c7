using System.Buffers;

namespace LearningBot.OneStopShop.Meaning;

/// <summary>
/// The WordPiece tokenizer that the SentenceTransformers packages put in front of their models, rule for rule, so that a
/// text gets the token ids the shipped vectors were made from; it only avoids the per-word strings and sequences. Its
/// rules differ from BERT's reference tokenizer (words are split on spaces and CRLF only, accents are kept, a word over
/// 50 characters is dropped, a word of two characters not in the vocabulary is unknown), which is why neither
/// FastBertTokenizer nor Microsoft.ML.Tokenizers would give the same ids.
/// </summary>
public sealed class WordPieceTokenizer
{
    /// <summary>The models' longest input; the tokenizer keeps the first this many tokens.</summary>
    public const int MaxTokens = 512;

    private const int MaxWordLength = 50;
    private const string Continuation = "##";

    private static readonly SearchValues<char> Punctuation = SearchValues.Create(".,;:\\/?!#$%()=+-*\"'–_`<>&^@{}[]|~");

    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _ids;
    private readonly int _classification;
    private readonly int _separator;
    private readonly int _unknown;

    private WordPieceTokenizer(Dictionary<string, int> ids)
    {
        _ids = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _classification = ids["[CLS]"];
        _separator = ids["[SEP]"];
        _unknown = ids["[UNK]"];
    }

    /// <summary>A vocabulary file: one token a line, its id the line's number counting only lines that are not blank.</summary>
    public static WordPieceTokenizer Read(Stream vocabulary)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        using var reader = new StreamReader(vocabulary);
        var id = 0;
        while (reader.ReadLine() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                ids[line] = id++;
            }
        }

        return new WordPieceTokenizer(ids);
    }

    /// <summary>Whether <paramref name="word"/> (lower case, no spaces or punctuation) is one token of the vocabulary.</summary>
    public bool HasWhole(ReadOnlySpan<char> word) => _ids.ContainsKey(word);

    /// <summary>
    /// Writes the ids of <paramref name="text"/> ([CLS], its word pieces, [SEP]; at most <see cref="MaxTokens"/>) into
    /// <paramref name="ids"/>, which must hold <see cref="MaxTokens"/>, and returns how many there are.
    /// </summary>
    public int Encode(ReadOnlySpan<char> text, Span<long> ids)
    {
        if (ids.Length < MaxTokens)
        {
            throw new ArgumentException($"The buffer must hold {MaxTokens} ids.", nameof(ids));
        }

        // Lower-cased once for the whole text: the case mapping is one char for one char, and no delimiter changes.
        var lowered = ArrayPool<char>.Shared.Rent(text.Length);
        Span<char> word = stackalloc char[MaxWordLength + Continuation.Length];
        try
        {
            var lower = lowered.AsSpan(0, text.Length);
            text.ToLowerInvariant(lower);
            var count = 0;
            ids[count++] = _classification;
            var words = 0;
            var rest = (ReadOnlySpan<char>)lower;
            while (count < MaxTokens && words < MaxTokens && !rest.IsEmpty)
            {
                var end = EndOfSpaceSeparated(rest, out var separatorLength);
                var piece = rest[..end];
                rest = separatorLength == 0 ? [] : rest[(end + separatorLength)..];

                while (!piece.IsEmpty && count < MaxTokens && words < MaxTokens)
                {
                    var cut = piece.IndexOfAny(Punctuation);
                    var length = cut < 0 ? piece.Length : Math.Max(cut, 1);
                    count = AddPieces(piece[..length], word, ids, count);
                    words++;
                    piece = piece[length..];
                }
            }

            if (count < MaxTokens)
            {
                ids[count++] = _separator;
            }

            return count;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(lowered);
        }
    }

    /// <summary>Where the first word ends: at a space or a CRLF (splitting on those only, as the packages do).</summary>
    private static int EndOfSpaceSeparated(ReadOnlySpan<char> text, out int separatorLength)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ')
            {
                separatorLength = 1;
                return i;
            }

            if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                separatorLength = 2;
                return i;
            }
        }

        separatorLength = 0;
        return text.Length;
    }

    /// <summary>Greedy longest-prefix WordPiece of one word, with the packages' edge cases.</summary>
    private int AddPieces(ReadOnlySpan<char> word, Span<char> scratch, Span<long> ids, int count)
    {
        if (word.Length > MaxWordLength)
        {
            return count;
        }

        if (_ids.TryGetValue(word, out var whole))
        {
            ids[count++] = whole;
            return count;
        }

        // The text still to split is scratch[start..end]: the word, then "##" and what is left of it.
        word.CopyTo(scratch[Continuation.Length..]);
        var start = Continuation.Length;
        var end = start + word.Length;
        var continued = false;
        var added = false;
        while (end - start > 2)
        {
            var text = scratch[start..end];
            var shortest = continued ? Continuation.Length : 1;
            var found = -1;
            var length = text.Length;
            for (; length >= shortest; length--)
            {
                if (_ids.TryGetValue(text[..length], out found))
                {
                    break;
                }
            }

            // Nothing matched, or only "##" of a continuation (which would leave the text as it was).
            if (length < shortest || (continued && length == Continuation.Length))
            {
                return Add(ids, count, _unknown);
            }

            count = Add(ids, count, found);
            start += length - Continuation.Length;
            Continuation.CopyTo(scratch[start..]);
            continued = true;
            added = true;
        }

        return added || word.IsWhiteSpace() ? count : Add(ids, count, _unknown);
    }

    /// <summary>Appends an id unless the sequence is full (the packages cut every sequence after it is built).</summary>
    private static int Add(Span<long> ids, int count, int id)
    {
        if (count < MaxTokens)
        {
            ids[count++] = id;
        }

        return count;
    }
}
