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
