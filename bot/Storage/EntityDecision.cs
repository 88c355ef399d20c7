using Azure.Data.Tables;

namespace LearningBot.Storage;

/// <summary>What a change function decided about the entity it was shown (see <see cref="OptimisticChange.ChangeAsync"/>).</summary>
public abstract record EntityDecision<T>
    where T : class, ITableEntity
{
    /// <summary>Write <paramref name="Entity"/> in place of the version that was read, if nobody changed it meanwhile.</summary>
    public sealed record Write(T Entity) : EntityDecision<T>
    {
        /// <summary>
        /// For a <see cref="TableUpdateMode.Merge"/>: only the properties that change, at the same keys, sent instead of the
        /// whole <see cref="Entity"/> (a rating sends three values, not the question and its answer again). The write is
        /// still made at the ETag of the version read, so what is stored ends the same as if <see cref="Entity"/> were sent.
        /// </summary>
        public TableEntity? Changes { get; init; }
    }

    /// <summary>Leave the stored entity as it is.</summary>
    public sealed record Keep : EntityDecision<T>;
}
