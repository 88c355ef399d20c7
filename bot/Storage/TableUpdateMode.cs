namespace LearningBot.Storage;

public enum TableUpdateMode
{
    /// <summary>Only the properties sent are changed; properties left out (including nulls) keep their stored values.</summary>
    Merge,

    /// <summary>The stored entity is replaced as a whole; properties left out are removed.</summary>
    Replace,
}
