namespace LearningBot.OneStopShop;

/// <summary>Free text with suspected personal identifiers replaced, and the kinds removed (for telling the person).</summary>
/// <param name="Text">The text, trimmed, with each suspected identifier replaced by a marker.</param>
/// <param name="Removed">The kinds removed (for example <see cref="PersonalDataScrubber.NhsNumber"/>), each once, empty when nothing was.</param>
public sealed record ScrubbedText(string Text, IReadOnlyList<string> Removed)
{
    public bool WasScrubbed => Removed.Count > 0;
}
