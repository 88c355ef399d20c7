namespace LearningBot.Privacy;

/// <summary>
/// Free text that has been through <see cref="PersonalDataScrubber"/>: the only kind of free text the stores accept.
/// Its constructor is private and the one way to make one runs the scrubber, so holding a <see cref="ScrubbedText"/>
/// proves the text was scrubbed. Not a record: a <c>with</c> expression could put raw text back in.
/// </summary>
public sealed class ScrubbedText
{
    private ScrubbedText(string text, IReadOnlyList<string> removed)
    {
        Text = text;
        Removed = removed;
    }

    public static ScrubbedText Empty { get; } = new(string.Empty, []);

    /// <summary>The text, trimmed, with each suspected identifier replaced by a marker.</summary>
    public string Text { get; }

    /// <summary>The kinds removed (for example <see cref="PersonalDataScrubber.NhsNumber"/>), each once, in the order they appeared; empty when nothing was.</summary>
    public IReadOnlyList<string> Removed { get; }

    public bool WasScrubbed => Removed.Count > 0;

    public bool IsEmpty => Text.Length == 0;

    /// <summary>The first <paramref name="maxLength"/> characters (still scrubbed: cutting removes, never adds).</summary>
    public ScrubbedText Truncate(int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        if (Text.Length <= maxLength)
        {
            return this;
        }

        var end = maxLength > 0 && char.IsHighSurrogate(Text[maxLength - 1]) ? maxLength - 1 : maxLength;
        return new ScrubbedText(Text[..end].TrimEnd(), Removed);
    }

    public override string ToString() => Text;

    /// <summary>Scrubs <paramref name="text"/>; the only way in (see <see cref="PersonalDataScrubber.Scrub"/>).</summary>
    internal static ScrubbedText Of(string? text, DateOnly today, ScrubMarking marking, WorkContacts workContacts)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Empty;
        }

        var (scrubbed, removed) = PersonalDataScrubber.Replace(text, today, marking, workContacts);
        return new ScrubbedText(scrubbed.Trim(), removed);
    }
}
