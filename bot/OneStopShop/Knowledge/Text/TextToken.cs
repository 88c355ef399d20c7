namespace LearningBot.OneStopShop.Knowledge.Text;

/// <summary>One word of analysed text: where its folded surface form and its index term sit in the buffer.</summary>
internal struct TextToken
{
    public int SurfaceStart;
    public int SurfaceLength;
    public int TermStart;
    public int TermLength;

    /// <summary>A stop word: kept for phrase matching, never a search term on its own.</summary>
    public bool IsStop;

    /// <summary>Punctuation came before this word, so no phrase may span it.</summary>
    public bool BreakBefore;

    /// <summary>Position of the token in the original text, for showing matched words as typed.</summary>
    public int SourceStart;
    public int SourceLength;
}
