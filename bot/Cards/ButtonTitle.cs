namespace LearningBot.Cards;

/// <summary>
/// Button titles that hold a name. Teams shows a button's title on one line and clips it mid-word when it is longer
/// than the button, on phones from about <see cref="MaxLength"/> characters; the long text goes in the card instead.
/// </summary>
public static class ButtonTitle
{
    public const int MaxLength = 26;

    /// <summary>
    /// <paramref name="title"/> with <paramref name="name"/> in it, the name cut after a whole word (at a space or
    /// hyphen) when it does not fit; <paramref name="fallback"/> when not even its first word fits.
    /// </summary>
    /// <example><c>WithName("Mary-Jane", n => $"Carry on with {n}", "Carry on with the review")</c> is "Carry on with Mary-Jane".</example>
    public static string WithName(string? name, Func<string, string> title, string fallback)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback.Length > MaxLength)
        {
            throw new ArgumentException($"The fallback title \"{fallback}\" is over {MaxLength} characters.", nameof(fallback));
        }

        var shown = name?.Trim() ?? string.Empty;
        while (shown.Length > 0)
        {
            var candidate = title(shown);
            if (candidate.Length <= MaxLength)
            {
                return candidate;
            }

            var cut = shown.LastIndexOfAny([' ', '-']);
            shown = cut > 0 ? shown[..cut].TrimEnd() : string.Empty;
        }

        return fallback;
    }
}
