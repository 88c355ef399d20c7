namespace LearningBot.OneStopShop.Knowledge.Text;

/// <summary>
/// Reusable buffers holding the result of analysing one text, so the query path does not allocate.
/// </summary>
internal sealed class AnalysedText
{
    private char[] _chars = new char[256];
    private TextToken[] _tokens = new TextToken[32];
    private PhraseMatch[] _phrases = new PhraseMatch[8];

    public int Count { get; private set; }

    public int PhraseCount { get; private set; }

    public ref TextToken this[int index] => ref _tokens[index];

    public ReadOnlySpan<char> Surface(int index) => _chars.AsSpan(_tokens[index].SurfaceStart, _tokens[index].SurfaceLength);

    public ReadOnlySpan<char> Term(int index) => _chars.AsSpan(_tokens[index].TermStart, _tokens[index].TermLength);

    public PhraseMatch Phrase(int index) => _phrases[index];

    public int CharCount { get; private set; }

    public void Reset()
    {
        Count = 0;
        PhraseCount = 0;
        CharCount = 0;
    }

    /// <summary>Reserves <paramref name="length"/> characters and returns their start.</summary>
    public int Reserve(int length)
    {
        if (CharCount + length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, CharCount + length));
        }

        var start = CharCount;
        CharCount += length;
        return start;
    }

    public Span<char> Chars(int start, int length) => _chars.AsSpan(start, length);

    /// <summary>Gives back the unused tail of the last reservation.</summary>
    public void Trim(int end) => CharCount = end;

    public ref TextToken Add()
    {
        if (Count == _tokens.Length)
        {
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _tokens[Count] = default;
        return ref _tokens[Count++];
    }

    public void AddPhrase(PhraseMatch match)
    {
        if (PhraseCount == _phrases.Length)
        {
            Array.Resize(ref _phrases, _phrases.Length * 2);
        }

        _phrases[PhraseCount++] = match;
    }
}
