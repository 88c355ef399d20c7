namespace LearningBot.OneStopShop.Knowledge.Text;

/// <summary>Words too common to say what a question is about.</summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words =
    [
        "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "anyone", "are", "as", "at",
        "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "could", "did", "do", "does", "doing", "down", "during", "each", "else", "etc", "ever", "every",
        "few", "for", "from", "further", "get", "getting", "got", "had", "has", "have", "having", "he", "her", "here",
        "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
        "just", "know", "let", "like", "may", "me", "might", "more", "most", "much", "must", "my", "myself",
        "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "ought", "our", "ours", "ourselves",
        "out", "over", "own", "please", "same", "say", "she", "should", "so", "some", "someone", "something", "such",
        "tell", "than", "thank", "thanks", "that", "the", "their", "theirs", "them", "themselves", "then", "there",
        "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "upon", "us", "very",
        "want", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "whose",
        "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves",
        "i'm", "i've", "i'd", "i'll", "you're", "we're", "they're", "it's", "don't", "doesn't", "can't", "isn't",
        "what's", "who's", "how's", "where's", "there's", "that's", "let's", "won't", "shouldn't", "couldn't",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    // Everyday question words that are not stop words but say little about the topic when no article uses them.
    private static readonly HashSet<string> Weak =
    [
        "apply", "applying", "start", "starting", "go", "going", "find", "make", "take", "give", "use", "using", "join",
        "happen", "mean", "means", "explain", "look", "looking", "way", "ways", "best", "good", "need", "needs", "able",
        "allowed", "possible", "right", "new", "next", "one", "still", "really", "also", "okay", "ok", "hi", "hello",
    ];

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> WeakLookup =
        Weak.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool Contains(ReadOnlySpan<char> word) => Lookup.Contains(word);

    public static bool IsWeak(ReadOnlySpan<char> word) => WeakLookup.Contains(word);
}
