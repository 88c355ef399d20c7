using Azure;
using Azure.Data.Tables;
using LearningBot.Calendar;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Table <see cref="TableName"/>: compliments leads suggested for the good-practice exchange, one per signal.
/// <see cref="ListSinceAsync"/> is what the exchange reads its candidates with.
/// </summary>
public sealed class GoodPracticeSuggestions(TableStorage tables, TimeProvider clock)
{
    public const string TableName = "GoodPracticeSuggestions";

    private readonly LazyTable _table = tables.Table(TableName);

    /// <summary>Suggests the compliment; true when this call suggested it, false when it had been suggested already.</summary>
    public async Task<bool> SuggestAsync(FeedbackSignal signal, string suggestedBy, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var now = clock.GetUtcNow();
#pragma warning disable LB0001 // Reading the note to suggest it: it was stored scrubbed and a moderator accepted it.
        var wording = PersonalDataScrubber.Scrub(signal.Note, UkTime.Today(now));
#pragma warning restore LB0001
        try
        {
            await table.AddEntityAsync(GoodPracticeSuggestion.Of(signal, wording, suggestedBy, now), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            return false;
        }
    }

    public async Task<GoodPracticeSuggestion?> FindAsync(string signalId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<GoodPracticeSuggestion>(GoodPracticeSuggestion.Partition, signalId, cancellationToken: cancellationToken);
    }

    /// <summary>Suggestions made at or after <paramref name="since"/>, newest first: the good-practice exchange's candidates.</summary>
    public async Task<IReadOnlyList<GoodPracticeSuggestion>> ListSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var rows = await table.ListAsync<GoodPracticeSuggestion>(
            TableClient.CreateQueryFilter($"PartitionKey eq {GoodPracticeSuggestion.Partition} and SuggestedAt ge {since}"), cancellationToken: cancellationToken);
        return [.. rows.OrderByDescending(row => row.SuggestedAt)];
    }
}
