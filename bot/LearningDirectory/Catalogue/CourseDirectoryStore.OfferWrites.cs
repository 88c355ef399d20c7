using Azure.Data.Tables;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>What writing one offer with its sessions did.</summary>
public sealed record OfferWrite(bool OfferAdded, bool OfferUpdated, int SessionsAdded, int SessionsUpdated);

/// <summary>
/// Writing whole offers with their sessions (an import, the sample): each offer is one entity-group transaction, planned
/// against the rows read, and new sessions are announced to their listeners once written.
/// </summary>
public sealed partial class CourseDirectoryStore
{
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
}
