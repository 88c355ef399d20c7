using Azure.Data.Tables;

namespace LearningBot.Storage;

/// <summary>The entity as it now is, and whether this call changed it.</summary>
public sealed record EntityChange<T>(T Entity, bool Changed)
    where T : class, ITableEntity;
