namespace LearningBot.Storage;

public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    Delete,
    UpsertMerge,
    UpsertReplace,
}

/// <summary>
/// One operation in an entity group transaction. Updates and deletes use <see cref="ETag"/> as If-Match
/// (default: unconditional).
/// </summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, ITableEntity Entity, ETag ETag = default);
