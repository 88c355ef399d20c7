using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals.LearningNeeds;

/// <summary>The outcome of a save: the analysis as stored now, and whether this save was the one written.</summary>
public sealed record LnaSave(LearningNeedsAnalysis Analysis, bool Saved);

/// <summary>Table <c>LearningNeedsAnalyses</c>: one row per alert.</summary>
public sealed class LearningNeedsStore(TableStorage tables)
{
    public const string TableName = "LearningNeedsAnalyses";

    private readonly LazyTable _table = tables.Table(TableName);

    public async Task<LearningNeedsAnalysis?> FindAsync(string analysisId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<LearningNeedsAnalysis>(LearningNeedsAnalysis.Partition, analysisId, cancellationToken: cancellationToken);
    }

    /// <summary>Adds the draft unless its alert has one already; the one stored (so pressing twice opens the same draft).</summary>
    public async Task<LearningNeedsAnalysis> StartAsync(LearningNeedsAnalysis draft, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(draft, cancellationToken);
            return draft;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            return await FindAsync(draft.RowKey, cancellationToken) ?? draft;
        }
    }

    /// <summary>
    /// Writes <paramref name="change"/> over the analysis only while it is still at <paramref name="version"/> (the
    /// version the editor's card showed); otherwise keeps what is stored. Null when there is no such analysis.
    /// </summary>
    public async Task<LnaSave?> SaveAsync(string analysisId, int version, Func<LearningNeedsAnalysis, LearningNeedsAnalysis> change, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var result = await table.ChangeAsync<LearningNeedsAnalysis>(LearningNeedsAnalysis.Partition, analysisId, current => current.Version == version
            ? new EntityDecision<LearningNeedsAnalysis>.Write(change(current))
            : new EntityDecision<LearningNeedsAnalysis>.Keep(), cancellationToken: cancellationToken);
        return result is null ? null : new LnaSave(result.Entity, result.Changed);
    }

    public async Task<IReadOnlyList<LearningNeedsAnalysis>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        List<LearningNeedsAnalysis> all = [];
        await foreach (var analysis in table.QueryAsync<LearningNeedsAnalysis>(TableClient.CreateQueryFilter($"PartitionKey eq {LearningNeedsAnalysis.Partition}"), cancellationToken: cancellationToken))
        {
            all.Add(analysis);
        }

        return all;
    }
}
