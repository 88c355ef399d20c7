namespace LearningBot.OneStopShop.Knowledge;

/// <summary>The knowledge base could not be loaded; the message names the file (and line when known).</summary>
public sealed class KnowledgeLoadException : Exception
{
    public KnowledgeLoadException(string source, int? line, string problem)
        : base(line is { } l ? $"{source}:{l}: {problem}" : $"{source}: {problem}")
    {
        SourceName = source;
        Line = line;
        Problem = problem;
    }

    public KnowledgeLoadException(string message)
        : base(message)
    {
        SourceName = string.Empty;
        Problem = message;
    }

    public KnowledgeLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = string.Empty;
        Problem = message;
    }

    public KnowledgeLoadException()
        : this("The knowledge base could not be loaded.")
    {
    }

    /// <summary>The file (or other source) that failed.</summary>
    public string SourceName { get; }

    /// <summary>1-based line number inside <see cref="SourceName"/>, when the problem is on one line.</summary>
    public int? Line { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }
}
