using Azure.Data.Tables;

namespace LearningBot.Storage;

/// <summary>What a change function decided about the entity it was shown (see <see cref="OptimisticChange.ChangeAsync"/>).</summary>
public abstract record EntityDecision<T>
    where T : class, ITableEntity
{
    /// <summary>Write <paramref name="Entity"/> in place of the version that was read, if nobody changed it meanwhile.</summary>
    public sealed record Write(T Entity) : EntityDecision<T>;

    /// <summary>Leave the stored entity as it is.</summary>
    public sealed record Keep : EntityDecision<T>;
}
