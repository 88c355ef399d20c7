namespace LearningBot.Connector.Hosting;

/// <summary>
/// Words a capability knows are spelt as meant (the knowledge base's, for one): a typed word it knows is never read as
/// a slip for a command's word, so "learning needs analysis" stays a question rather than becoming "learning needs
/// analyses".
/// </summary>
public interface IKnownWords
{
    /// <summary>True when <paramref name="word"/> (lower case, no punctuation) is a word in its own right.</summary>
    bool Knows(string word);
}
