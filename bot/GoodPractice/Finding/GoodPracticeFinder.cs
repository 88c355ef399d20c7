using LearningBot.OneStopShop.Knowledge;
using Microsoft.Extensions.Options;

namespace LearningBot.GoodPractice.Finding;

/// <summary>
/// Searches approved examples. The index is built from the table and kept for
/// <see cref="GoodPracticeFindingOptions.SearchRefreshInterval"/>; the first search after that reads the approved
/// examples again and builds a new index only when their ids or versions changed.
/// </summary>
/// <remarks>
/// Why a short refresh rather than updating the index where examples are approved, kept or retired: those decisions are
/// made on whichever instance the editor's press reaches, and every other instance must see them too. Reading the
/// approved rows (one partition, tens to hundreds of rows) at most once a minute per instance is cheap, needs no
/// message between instances, and cannot drift from the table; the price is that a change takes up to the interval to
/// be found, which is fine for examples that take days to approve.
/// </remarks>
public sealed class GoodPracticeFinder(GoodPracticeStore store, AnswerEngine engine, IOptions<GoodPracticeFindingOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private PracticeIndex _index = PracticeIndex.Empty;
    private long _readAtTicks;

    public double ColleaguesThreshold => options.Value.ColleaguesThreshold;

    /// <summary>The best <paramref name="max"/> approved examples for <paramref name="words"/>.</summary>
    public async Task<PracticeSearch> SearchAsync(string words, int max, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).Search(words, max);

    /// <summary>
    /// Up to two approved examples that match a question well enough for the one-stop shop's answer card: the first only
    /// when the search is at least <see cref="GoodPracticeFindingOptions.ColleaguesThreshold"/> sure of it, the second
    /// only when it scores close to the first.
    /// </summary>
    public async Task<IReadOnlyList<GoodPracticeExample>> ColleaguesAsync(string question, CancellationToken cancellationToken)
    {
        var search = await SearchAsync(question, 2, cancellationToken);
        if (search.Matches.Count == 0 || search.Confidence < ColleaguesThreshold)
        {
            return [];
        }

        var best = search.Matches[0];
        return [.. search.Matches.Where(match => match == best || match.Score >= PracticeThresholds.SecondOfFirst * best.Score).Select(match => match.Example)];
    }

    /// <summary>The index as of at most the refresh interval ago.</summary>
    public async Task<PracticeIndex> CurrentAsync(CancellationToken cancellationToken)
    {
        if (IsFresh())
        {
            return Volatile.Read(ref _index);
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (IsFresh())
            {
                return _index;
            }

            var now = clock.GetUtcNow();
            var approved = await store.ListAsync(ExampleStatus.Approved, cancellationToken);
            if (PracticeIndex.SignatureOf(approved) != _index.Signature)
            {
                Volatile.Write(ref _index, new PracticeIndex(approved, engine.Knowledge.Synonyms, engine.Knowledge.Ranking));
            }

            Interlocked.Exchange(ref _readAtTicks, now.UtcTicks);
            return _index;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private bool IsFresh() =>
        Interlocked.Read(ref _readAtTicks) is var readAt and > 0
        && options.Value.SearchRefreshInterval > TimeSpan.Zero
        && clock.GetUtcNow().UtcTicks - readAt < options.Value.SearchRefreshInterval.Ticks;
}
