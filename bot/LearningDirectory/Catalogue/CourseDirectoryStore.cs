using Azure;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>What adding an offer or a session did.</summary>
public enum DirectoryAddOutcome
{
    Added,

    /// <summary>The same add form was sent again (a second press, or Teams retrying): the first press's row.</summary>
    AlreadyAddedByThisForm,

    /// <summary>Something else already has the id; nothing was written.</summary>
    IdTaken,

    /// <summary>The session's offer is not in the directory.</summary>
    NoSuchOffer,
}

/// <summary>An offer's row and its sessions' rows.</summary>
public sealed record StoredOffer(CourseOfferEntity Offer, IReadOnlyList<CourseSessionEntity> Sessions);

/// <summary>What writing one offer with its sessions did.</summary>
public sealed record OfferWrite(bool OfferAdded, bool OfferUpdated, int SessionsAdded, int SessionsUpdated);

/// <summary>
/// The learning directory in the <c>LearningDirectory</c> table: a partition per offer holding the offer and its
/// sessions. Single changes are optimistic (<see cref="OptimisticChange"/>); an offer written with its sessions (an
/// import, the sample) is one entity-group transaction. Every change rewrites the version row afterwards, so every
/// instance's catalogue notices it.
/// </summary>
public sealed partial class CourseDirectoryStore(
    TableStorage tables, TimeProvider clock, IEnumerable<ICourseSessionAdded> sessionAdded, ILogger<CourseDirectoryStore> logger)
{
    public const string TableName = "LearningDirectory";

    private const int MaxAttempts = 4;

    private readonly LazyTable _table = (tables ?? throw new ArgumentNullException(nameof(tables))).Table(TableName);

    /// <summary>Every offer and session, retired, cancelled and past ones included.</summary>
    public async Task<(IReadOnlyList<CourseOfferEntity> Offers, IReadOnlyList<CourseSessionEntity> Sessions)> ReadAllAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var offers = table.ListAsync<CourseOfferEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ne {DirectoryMetaEntity.Partition} and RowKey eq {CourseOfferEntity.Row}"), cancellationToken: cancellationToken);
        var sessions = table.ListAsync<CourseSessionEntity>(SessionsFilter(null), cancellationToken: cancellationToken);
        return (await offers, await sessions);
    }

    /// <summary>Every offer whose provider is one of <paramref name="kinds"/>, each with all its sessions.</summary>
    public async Task<IReadOnlyList<StoredOffer>> ListOffersAsync(IReadOnlyCollection<string> kinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var (offers, sessions) = await ReadAllAsync(cancellationToken);
        var byOffer = sessions.ToLookup(session => session.PartitionKey, StringComparer.Ordinal);
        return
        [
            .. offers.Where(offer => kinds.Contains(offer.ProviderKind))
                .Select(offer => new StoredOffer(offer, [.. byOffer[offer.PartitionKey].OrderBy(session => session.Starts)])),
        ];
    }

    /// <summary>The version row's value: it changes with every change to the directory.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = await table.FindAsync<DirectoryMetaEntity>(DirectoryMetaEntity.Partition, DirectoryMetaEntity.VersionRow, cancellationToken: cancellationToken);
        return row?.Version ?? string.Empty;
    }

    public async Task<StoredOffer?> FindOfferAsync(string offerId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offerId);
        var table = await _table.GetAsync(cancellationToken);
        var partition = CourseOfferEntity.PartitionFor(offerId);
        var offer = await table.FindAsync<CourseOfferEntity>(partition, CourseOfferEntity.Row, cancellationToken: cancellationToken);
        if (offer is null)
        {
            return null;
        }

        var sessions = await table.ListAsync<CourseSessionEntity>(SessionsFilter(partition), cancellationToken: cancellationToken);
        return new StoredOffer(offer, [.. sessions.OrderBy(session => session.Starts)]);
    }

    /// <summary>Adds an offer made on a form (<see cref="CourseOfferEntity.AddedWith"/> set); the same form twice finds its own offer.</summary>
    public async Task<(CourseOfferEntity Offer, DirectoryAddOutcome Outcome)> AddOfferAsync(CourseOfferEntity offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var table = await _table.GetAsync(cancellationToken);
        try
        {
            var response = await table.AddEntityAsync(offer, cancellationToken);
            offer.ETag = response.NewETag();
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
            var existing = (await table.FindAsync<CourseOfferEntity>(offer.PartitionKey, offer.RowKey, cancellationToken: cancellationToken))!;
            return (existing, existing.AddedWith is { Length: > 0 } form && form == offer.AddedWith ? DirectoryAddOutcome.AlreadyAddedByThisForm : DirectoryAddOutcome.IdTaken);
        }

        await ChangedAsync(table, cancellationToken);
        LogOfferAdded(offer.OfferId, offer.UpdatedBy);
        return (offer, DirectoryAddOutcome.Added);
    }

    public async Task<EntityChange<CourseOfferEntity>?> ChangeOfferAsync(
        string offerId, Func<CourseOfferEntity, EntityDecision<CourseOfferEntity>> decide, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var change = await table.ChangeAsync(CourseOfferEntity.PartitionFor(offerId), CourseOfferEntity.Row, decide, cancellationToken: cancellationToken);
        if (change is { Changed: true })
        {
            await ChangedAsync(table, cancellationToken);
        }

        return change;
    }

    /// <summary>Adds a session made on a form to its offer; the same form twice finds its own session.</summary>
    public async Task<(CourseSessionEntity Session, DirectoryAddOutcome Outcome)> AddSessionAsync(CourseSessionEntity session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var table = await _table.GetAsync(cancellationToken);
        var offer = await table.FindAsync<CourseOfferEntity>(session.PartitionKey, CourseOfferEntity.Row, cancellationToken: cancellationToken);
        if (offer is null)
        {
            return (session, DirectoryAddOutcome.NoSuchOffer);
        }

        try
        {
            var response = await table.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, session), new(TableTransactionActionType.UpsertReplace, UnannouncedSessionEntity.For(session.OfferId, session.SessionId))],
                cancellationToken);
            session.ETag = response.Value[0].NewETag();
        }
        catch (TableTransactionFailedException conflict) when (conflict.Status == 409)
        {
            var existing = (await table.FindAsync<CourseSessionEntity>(session.PartitionKey, session.RowKey, cancellationToken: cancellationToken))!;
            return (existing, existing.AddedWith is { Length: > 0 } form && form == session.AddedWith ? DirectoryAddOutcome.AlreadyAddedByThisForm : DirectoryAddOutcome.IdTaken);
        }

        await ChangedAsync(table, cancellationToken);
        await TellSessionAddedAsync(offer.ToOffer(), [session.ToSession()], cancellationToken);
        return (session, DirectoryAddOutcome.Added);
    }

    public async Task<EntityChange<CourseSessionEntity>?> ChangeSessionAsync(
        string offerId, string sessionId, Func<CourseSessionEntity, EntityDecision<CourseSessionEntity>> decide, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var change = await table.ChangeAsync(CourseOfferEntity.PartitionFor(offerId), CourseSessionEntity.RowFor(sessionId), decide, cancellationToken: cancellationToken);
        if (change is { Changed: true })
        {
            await ChangedAsync(table, cancellationToken);
        }

        return change;
    }

    /// <summary>
    /// Writes an offer with its sessions in one transaction: rows that are missing are added, rows that say something
    /// else are replaced at the version read, and rows that already say it cost nothing. Sessions not listed are left
    /// alone. When someone else writes to the offer meanwhile, it reads and decides again.
    /// </summary>
    public async Task<OfferWrite> WriteAsync(ScrubbedOffer offer, IReadOnlyList<ScrubbedSession> sessions, string by, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var (write, added) = await WriteOneAsync(table, offer, sessions, by, await FindOfferAsync(offer.Offer.Id, cancellationToken), cancellationToken);
        if (write != NoWrite)
        {
            await ChangedAsync(table, cancellationToken);
            await TellSessionAddedAsync(offer.Offer, added, cancellationToken);
        }

        return write;
    }

    /// <summary>
    /// Writes many offers with their sessions (an import): the directory is read once, then each offer that changes is
    /// one transaction, a few at a time, and the version row is rewritten once at the end.
    /// </summary>
    public async Task<IReadOnlyList<OfferWrite>> WriteManyAsync(
        IReadOnlyList<(ScrubbedOffer Offer, IReadOnlyList<ScrubbedSession> Sessions)> offers, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offers);
        var table = await _table.GetAsync(cancellationToken);
        var stored = (await ListOffersAsync(People.OrganisationKinds.All, cancellationToken)).ToDictionary(o => o.Offer.OfferId, StringComparer.Ordinal);
        var writes = new OfferWrite[offers.Count];
        var added = new (CourseOffer Offer, IReadOnlyList<CourseSession> Sessions)?[offers.Count];
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, offers.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, token) =>
            {
                var (offer, sessions) = offers[i];
                var (write, sessionsAdded) = await WriteOneAsync(table, offer, sessions, by, stored.GetValueOrDefault(offer.Offer.Id), token);
                writes[i] = write;
                added[i] = (offer.Offer, sessionsAdded);
            });
        }
        finally
        {
            // Whatever was written is announced, even when a later offer failed.
            if (writes.Any(write => write is not null && write != NoWrite))
            {
                await ChangedAsync(table, CancellationToken.None);
            }
        }

        foreach (var (offer, sessionsAdded) in added.OfType<(CourseOffer, IReadOnlyList<CourseSession>)>())
        {
            await TellSessionAddedAsync(offer, sessionsAdded, cancellationToken);
        }

        return writes;
    }

    private static readonly OfferWrite NoWrite = new(false, false, 0, 0);

    private async Task<(OfferWrite Write, IReadOnlyList<CourseSession> Added)> WriteOneAsync(
        TableClient table, ScrubbedOffer offer, IReadOnlyList<ScrubbedSession> sessions, string by, StoredOffer? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(sessions);
        var stored = known;
        for (var attempt = 1; ; attempt++)
        {
            var (actions, write, added) = Plan(offer, sessions, stored, by);
            if (actions.Count == 0)
            {
                return (write, added);
            }

            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return (write, added);
            }
            catch (TableTransactionFailedException failed) when (attempt < MaxAttempts && failed.Status is 409 or 412)
            {
                // Someone else wrote to this offer between our read and our write: read it again.
                stored = await FindOfferAsync(offer.Offer.Id, cancellationToken);
            }
        }
    }

    /// <summary>Adds an offer with its sessions only if the offer is not there yet (the sample); false when it was.</summary>
    public async Task<bool> AddIfMissingAsync(ScrubbedOffer offer, IReadOnlyList<ScrubbedSession> sessions, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(sessions);
        var table = await _table.GetAsync(cancellationToken);
        var at = clock.GetUtcNow();
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, CourseOfferEntity.Create(offer, by, at)) };
        actions.AddRange(sessions.Select(session => new TableTransactionAction(TableTransactionActionType.Add, CourseSessionEntity.Create(session, by, at))));
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException failed) when (failed.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The anchor day of the sample: the one written by whoever seeded first (this call, if nobody has).</summary>
    public async Task<DateOnly> SampleAnchorAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var row = new DirectoryMetaEntity
        {
            PartitionKey = DirectoryMetaEntity.Partition, RowKey = DirectoryMetaEntity.SeedRow,
            AnchorDate = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
            return today;
        }
        catch (RequestFailedException conflict) when (conflict.IsAlreadyExists())
        {
            var existing = await table.FindAsync<DirectoryMetaEntity>(DirectoryMetaEntity.Partition, DirectoryMetaEntity.SeedRow, cancellationToken: cancellationToken);
            return DateOnly.TryParseExact(existing?.AnchorDate, "yyyy-MM-dd", out var anchor) ? anchor : today;
        }
    }

    /// <summary>Sessions added whose listeners have not been told yet (<see cref="UnannouncedSessionEntity"/>).</summary>
    public async Task<IReadOnlyList<UnannouncedSessionEntity>> UnannouncedAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.ListAsync<UnannouncedSessionEntity>(
            TableClient.CreateQueryFilter($"RowKey ge {UnannouncedSessionEntity.RowPrefix} and RowKey lt {"unannounced}"}"), cancellationToken: cancellationToken);
    }

    /// <summary>The session has been announced: its mark goes (a mark already gone is fine).</summary>
    public async Task AnnouncedAsync(string offerId, string sessionId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var mark = UnannouncedSessionEntity.For(offerId, sessionId);
        await table.DeleteEntityAsync(mark.PartitionKey, mark.RowKey, ETag.All, cancellationToken);
    }

    /// <summary>Tells every catalogue that the directory changed.</summary>
    public async Task MarkChangedAsync(CancellationToken cancellationToken) => await ChangedAsync(await _table.GetAsync(cancellationToken), cancellationToken);

    private (List<TableTransactionAction> Actions, OfferWrite Write, List<CourseSession> Added) Plan(
        ScrubbedOffer offer, IReadOnlyList<ScrubbedSession> sessions, StoredOffer? stored, string by)
    {
        var at = clock.GetUtcNow();
        var actions = new List<TableTransactionAction>();
        bool offerAdded = false, offerUpdated = false;
        if (stored is null)
        {
            actions.Add(new(TableTransactionActionType.Add, CourseOfferEntity.Create(offer, by, at)));
            offerAdded = true;
        }
        else if (!stored.Offer.Holds(offer))
        {
            actions.Add(new(TableTransactionActionType.UpdateReplace, stored.Offer.With(offer, by, at), stored.Offer.ETag));
            offerUpdated = true;
        }

        var existing = (stored?.Sessions ?? []).ToDictionary(session => session.RowKey, StringComparer.Ordinal);
        var added = new List<CourseSession>();
        var updated = 0;
        foreach (var session in sessions)
        {
            var row = CourseSessionEntity.RowFor(session.Session.Id);
            if (existing.GetValueOrDefault(row) is not { } current)
            {
                actions.Add(new(TableTransactionActionType.Add, CourseSessionEntity.Create(session, by, at)));
                actions.Add(new(TableTransactionActionType.UpsertReplace, UnannouncedSessionEntity.For(offer.Offer.Id, session.Session.Id)));
                added.Add(session.Session);
            }
            else if (!current.Holds(session))
            {
                actions.Add(new(TableTransactionActionType.UpdateReplace, current.With(session, by, at), current.ETag));
                updated++;
            }
        }

        return (actions, new OfferWrite(offerAdded, offerUpdated, added.Count, updated), added);
    }

    private async Task TellSessionAddedAsync(CourseOffer offer, IReadOnlyList<CourseSession> sessions, CancellationToken cancellationToken)
    {
        foreach (var listener in sessionAdded)
        {
            foreach (var session in sessions)
            {
                try
                {
                    await listener.SessionAddedAsync(offer, session, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogListenerFailed(exception, session.OfferId, session.Id);
                }
            }
        }
    }

    private static Task ChangedAsync(TableClient table, CancellationToken cancellationToken) =>
        table.UpsertEntityAsync(
            new DirectoryMetaEntity { PartitionKey = DirectoryMetaEntity.Partition, RowKey = DirectoryMetaEntity.VersionRow, Version = Guid.NewGuid().ToString("N") },
            TableUpdateMode.Replace, cancellationToken);

    /// <summary>Session rows (of one partition, or of all): their keys run from <c>session|</c> to just before <c>session}</c>.</summary>
    private static string SessionsFilter(string? partition)
    {
        const string first = CourseSessionEntity.RowPrefix;
        const string afterLast = "session}";
        return partition is null
            ? TableClient.CreateQueryFilter($"RowKey ge {first} and RowKey lt {afterLast}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey lt {afterLast}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Offer {OfferId} added to the learning directory by {AddedBy}")]
    private partial void LogOfferAdded(string offerId, string addedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A listener for new sessions failed on session {SessionId} of offer {OfferId}")]
    private partial void LogListenerFailed(Exception exception, string offerId, string sessionId);
}
