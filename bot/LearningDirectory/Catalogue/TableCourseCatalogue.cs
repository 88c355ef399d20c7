using Microsoft.Extensions.Options;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>
/// The catalogue read from table storage. Every question may read it, so it keeps what it read and, once
/// <see cref="LearningDirectoryOptions.CatalogueRefresh"/> has passed, asks the version row (one small read) whether
/// anything changed before reading everything again. Which sessions are upcoming is worked out on every call from
/// "now", so a session drops off the moment it starts, whatever was read when.
/// </summary>
public sealed class TableCourseCatalogue(CourseDirectoryStore store, TimeProvider clock, IOptions<LearningDirectoryOptions> options) : ICourseCatalogue, IDisposable
{
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot? _snapshot;
    private Listed? _listed;

    /// <summary>
    /// The listings, the same list until the directory changes or the next session starts (and so drops off): the finder
    /// keeps its index for as long as it is given the same list, rather than building one per question.
    /// </summary>
    public async ValueTask<IReadOnlyList<CourseListing>> CurrentAsync(CancellationToken cancellationToken)
    {
        var snapshot = await FreshAsync(cancellationToken);
        var now = clock.GetUtcNow();
        if (Volatile.Read(ref _listed) is { } listed && ReferenceEquals(listed.Offers, snapshot.Offers) && now < listed.ValidUntil)
        {
            return listed.Listings;
        }

        IReadOnlyList<CourseListing> listings =
        [
            .. snapshot.Offers.Where(offer => !offer.IsRetired)
                .Select(offer => new CourseListing(offer, [.. snapshot.SessionsOf(offer.Id).Where(session => session.IsUpcoming(now)).OrderBy(session => session.Starts)])),
        ];
        var nextStart = listings.SelectMany(listing => listing.UpcomingSessions).Select(session => session.Starts).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        Volatile.Write(ref _listed, new Listed(snapshot.Offers, listings, nextStart));
        return listings;
    }

    private sealed record Listed(IReadOnlyList<CourseOffer> Offers, IReadOnlyList<CourseListing> Listings, DateTimeOffset ValidUntil);

    public void Dispose() => _reading.Dispose();

    private async Task<Snapshot> FreshAsync(CancellationToken cancellationToken)
    {
        var held = Volatile.Read(ref _snapshot);
        if (held is not null && clock.GetUtcNow() - held.CheckedAt < options.Value.CatalogueRefresh)
        {
            return held;
        }

        await _reading.WaitAsync(cancellationToken);
        try
        {
            held = _snapshot;
            var now = clock.GetUtcNow();
            if (held is not null && now - held.CheckedAt < options.Value.CatalogueRefresh)
            {
                return held;
            }

            // The version is read before the rows, so a change made during the read is noticed next time.
            var version = await store.VersionAsync(cancellationToken);
            var fresh = held is not null && held.Version == version && version.Length > 0
                ? held with { CheckedAt = now }
                : await ReadAsync(version, now, cancellationToken);
            Volatile.Write(ref _snapshot, fresh);
            return fresh;
        }
        finally
        {
            _reading.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(string version, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (offers, sessions) = await store.ReadAllAsync(cancellationToken);
        return new Snapshot(
            version, now, [.. offers.Select(offer => offer.ToOffer())],
            sessions.Select(session => session.ToSession()).ToLookup(session => session.OfferId, StringComparer.Ordinal));
    }

    private sealed record Snapshot(string Version, DateTimeOffset CheckedAt, IReadOnlyList<CourseOffer> Offers, ILookup<string, CourseSession> Sessions)
    {
        public IEnumerable<CourseSession> SessionsOf(string offerId) => Sessions[offerId];
    }
}
