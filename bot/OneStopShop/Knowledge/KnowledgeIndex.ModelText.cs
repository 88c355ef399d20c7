using System.Buffers;
using LearningBot.OneStopShop.Knowledge.Text;

namespace LearningBot.OneStopShop.Knowledge;

public sealed partial class KnowledgeIndex
{
    private const int MaxModelTextEdits = 16;

    [ThreadStatic]
    private static ModelTextScratch? t_modelText;

    /// <summary>
    /// The question as an embedding model should read it. With <paramref name="typos"/>, a word the words' search would
    /// correct as a typo is put right, unless <paramref name="model"/> knows it whole (a real word the articles lack,
    /// such as "physios", stays as typed): otherwise the model reads a misspelling as fragments. With
    /// <paramref name="acronyms"/>, the first use of an acronym the synonym table spells out is followed by its
    /// expansion, "CPD (continuing professional development)", when typed in capitals or unknown to the model whole.
    /// Returns <paramref name="question"/> itself, allocating nothing, when nothing changes.
    /// </summary>
    public string TextForModel(string question, ISentenceEmbedder model, bool typos, bool acronyms)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(model);
        if (!typos && (!acronyms || _acronyms.Count == 0))
        {
            return question;
        }

        var snapshot = Volatile.Read(ref _snapshot);
        var scratch = t_modelText ??= new ModelTextScratch();
        var text = scratch.Text;
        _analyzer.Analyse(question, text);
        var edits = scratch.Edits;
        var count = 0;
        Span<char> lower = stackalloc char[TextAnalyzer.MaxWordLength];
        for (var i = 0; i < text.Count && count < MaxModelTextEdits; i++)
        {
            ref var token = ref text[i];
            if (token.IsStop || token.SourceLength > lower.Length)
            {
                continue;
            }

            var source = question.AsSpan(token.SourceStart, token.SourceLength);
            var typed = lower[..source.Length];
            source.ToLowerInvariant(typed);
            if (typos && CorrectionFor(snapshot, text, i) is { } corrected && !model.ReadsWhole(typed))
            {
                edits[count++] = new ModelTextEdit(token.SourceStart, token.SourceLength, corrected);
                continue;
            }

            if (acronyms && _acronyms.InsertionAfter(text.Surface(i)) is { } insertion
                && (IsCapitals(source) || !model.ReadsWhole(typed)) && !SeenBefore(text, i))
            {
                edits[count++] = new ModelTextEdit(token.SourceStart + token.SourceLength, 0, insertion);
            }
        }

        return count == 0 ? question : Apply(question, edits.AsSpan(0, count));
    }

    /// <summary>The surface word the search would correct word <paramref name="i"/> to, or null when it is known or has no correction.</summary>
    private string? CorrectionFor(IndexSnapshot snapshot, AnalysedText text, int i)
    {
        if (snapshot.Vocabulary.TryGetTerm(text.Term(i), out var id) && snapshot.DocumentFrequency(id) > 0)
        {
            return null;
        }

        return IsTypoCandidate(text.Surface(i)) && snapshot.Vocabulary.CorrectTypo(text.Surface(i), snapshot.Postings, out var surface) >= 0
            ? surface
            : null;
    }

    private static bool IsCapitals(ReadOnlySpan<char> word)
    {
        var capitals = 0;
        foreach (var c in word)
        {
            if (char.IsLower(c))
            {
                return false;
            }

            capitals += char.IsUpper(c) ? 1 : 0;
        }

        return capitals >= 2;
    }

    private static bool SeenBefore(AnalysedText text, int i)
    {
        var surface = text.Surface(i);
        for (var j = 0; j < i; j++)
        {
            if (text.Surface(j).SequenceEqual(surface))
            {
                return true;
            }
        }

        return false;
    }

    private static string Apply(string question, ReadOnlySpan<ModelTextEdit> edits)
    {
        var length = question.Length;
        foreach (var edit in edits)
        {
            length += edit.Text.Length - edit.Length;
        }

        var buffer = ArrayPool<char>.Shared.Rent(length);
        try
        {
            var written = 0;
            var read = 0;
            foreach (var edit in edits)
            {
                question.AsSpan(read, edit.Start - read).CopyTo(buffer.AsSpan(written));
                written += edit.Start - read;
                edit.Text.CopyTo(buffer.AsSpan(written));
                written += edit.Text.Length;
                read = edit.Start + edit.Length;
            }

            question.AsSpan(read).CopyTo(buffer.AsSpan(written));
            return new string(buffer, 0, length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Replace <see cref="Length"/> characters at <see cref="Start"/> (none: insert there) with <see cref="Text"/>.</summary>
    private readonly record struct ModelTextEdit(int Start, int Length, string Text);

    private sealed class ModelTextScratch
    {
        public AnalysedText Text { get; } = new();

        public ModelTextEdit[] Edits { get; } = new ModelTextEdit[MaxModelTextEdits];
    }
}
