using Azure.Data.Tables;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Digest.Archive;

/// <summary>
/// The sent editions and the search over their items, as of at most <see cref="DigestArchiveOptions.RefreshInterval"/> ago.
/// A look after that reads only the numbers and versions of the sent editions; the editions themselves are read, and the
/// index built again, only when those changed. An edition sent on this instance is found at once
/// (<see cref="EditionSentAsync"/>), one sent on another within the interval.
/// </summary>
/// <remarks>
/// Why a copy that reloads from the table rather than one kept up to date by messages: editions are sent by whichever
/// instance runs the delivery, and every instance must see them. The table is the only thing they all know.
/// </remarks>
public sealed class DigestArchive(TableStorage tables, AnswerEngine engine, IOptions<DigestArchiveOptions> options, TimeProvider clock) : IDigestEditionSent
{
    private static readonly string[] VersionColumns = ["PartitionKey", "RowKey", nameof(DigestEdition.Number), nameof(DigestEdition.Version), nameof(DigestEdition.Status)];

    private readonly LazyTable _table = tables.Table(DigestEditionStore.TableName);
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private SentEditionsIndex _index = SentEditionsIndex.Empty;
    private long _readAtTicks;

    public DigestArchiveOptions Options => options.Value;

    /// <summary>The sent editions and their items, newest first.</summary>
    public async Task<SentEditionsIndex> CurrentAsync(CancellationToken cancellationToken)
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
            var table = await _table.GetAsync(cancellationToken);
            var versions = await table.ListAsync<DigestEdition>(SentFilter(), VersionColumns, cancellationToken);
            if (SentEditionsIndex.SignatureOf(versions) != _index.Signature)
            {
                var sent = await table.ListAsync<DigestEdition>(SentFilter(), cancellationToken: cancellationToken);
                Volatile.Write(ref _index, new SentEditionsIndex(sent, engine.Knowledge.Synonyms, engine.Knowledge.Ranking));
            }

            Interlocked.Exchange(ref _readAtTicks, now.UtcTicks);
            return _index;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    /// <summary>An edition went out on this instance: the next look reads the table again.</summary>
    public Task EditionSentAsync(DigestEdition edition, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _readAtTicks, 0);
        return Task.CompletedTask;
    }

    private static string SentFilter() => TableClient.CreateQueryFilter(
        $"PartitionKey eq {DigestEdition.Partition} and RowKey ge {DigestEdition.RowPrefix} and RowKey lt {"edition}"} and Status eq {DigestStatus.Sent}");

    private bool IsFresh() =>
        Interlocked.Read(ref _readAtTicks) is var readAt and > 0
        && options.Value.RefreshInterval > TimeSpan.Zero
        && clock.GetUtcNow().UtcTicks - readAt < options.Value.RefreshInterval.Ticks;
}
