using Azure;
using Azure.Data.Tables;
using LearningBot.Outbox;
using LearningBot.Storage;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Tickets and their history in table storage, with optimistic concurrency on every change. What a change owes people
/// (the asker's card, the channel card, a reminder) is written as outbox rows in the same transaction, so a change is
/// never saved without them; <see cref="OutboxDelivery"/> delivers them.
/// </summary>
public sealed class TicketStore(TableStorage tables, ILogger<TicketStore> logger, TimeProvider? clock = null)
{
    public const string TableName = "EscalationTickets";
    private const int MaxAttempts = 5;

    private readonly LazyTable _table = tables.Table(TableName);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// The outbox row key of the message named <paramref name="name"/> that the change to <paramref name="version"/>
    /// owes: the same change can never owe the same message twice.
    /// </summary>
    public static string NotificationRowKey(int version, string name) => OutboxEntity.RowKeyFor(NotificationId(version, name));

    private static string NotificationId(int version, string name) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{version:D6}-{name}");

    /// <summary>
    /// The id of the ticket that one submit of the ask form makes: a new random id (<see cref="TicketEntity.NewId"/>) the
    /// first time this asker sends this form, and the same id when they send it again. The claim is its own row
    /// (<see cref="TicketSubmitEntity"/>), written before the ticket, so a submit that stopped half way makes its ticket
    /// with the claimed id when it is repeated. Another asker's submit with the same token never gets this id.
    /// </summary>
    public async Task<string> ClaimIdAsync(string askerKey, string clientToken, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(askerKey);
        ArgumentNullException.ThrowIfNull(clientToken);
        var table = await _table.GetAsync(cancellationToken);
        var claim = new TicketSubmitEntity
        {
            RowKey = TicketSubmitEntity.RowKeyFor(askerKey, clientToken),
            TicketId = TicketEntity.NewId(),
            AskerKey = askerKey,
        };
        try
        {
            await table.AddEntityAsync(claim, cancellationToken);
            return claim.TicketId;
        }
        catch (RequestFailedException exception) when (exception.IsAlreadyExists())
        {
            var earlier = await table.FindAsync<TicketSubmitEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken);
            if (earlier is not null && earlier.AskerKey == askerKey && TicketEntity.IsWellFormedId(earlier.TicketId))
            {
                return earlier.TicketId;
            }

            logger.LogWarning("A submit's claim row was not the asker's; the submit gets a ticket of its own");
            return TicketEntity.NewId();
        }
    }

    /// <summary>
    /// Creates the ticket with its first history line; if the id is taken (a repeated submit) returns the stored one,
    /// which is always the same asker's: a ticket of anyone else's is never returned.
    /// </summary>
    public Task<(TicketEntity Ticket, bool Created)> CreateAsync(TicketEntity ticket, TicketHistoryEntity history, CancellationToken cancellationToken) =>
        CreateAsync(ticket, history, [], cancellationToken);

    /// <summary>Creates the ticket with its first history line and the messages it owes, in one transaction.</summary>
    public async Task<(TicketEntity Ticket, bool Created)> CreateAsync(
        TicketEntity ticket, TicketHistoryEntity history, IReadOnlyList<OutboxMessage> notify, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        ticket = ticket with { Version = 1 };
        history = history with { PartitionKey = ticket.PartitionKey, RowKey = TicketHistoryEntity.RowKeyFor(ticket.Version) };
        try
        {
            List<TableTransactionAction> actions = [new(TableTransactionActionType.Add, ticket), new(TableTransactionActionType.Add, history)];
            actions.AddRange(Rows(ticket, notify));
            var written = await table.SubmitTransactionAsync(actions, cancellationToken);
            return (ticket with { ETag = written.Value[0].NewETag() }, true);
        }
        catch (TableTransactionFailedException exception) when (exception.IsAlreadyExists())
        {
            logger.LogInformation("Ticket {TicketId} already exists; the submit was repeated", ticket.Id);
            var existing = await FindAsync(ticket.Id, cancellationToken) ?? throw new InvalidOperationException($"Ticket {ticket.Id} exists but cannot be read.");
            return existing.AskerKey == ticket.AskerKey
                ? (existing, false)
                : throw new InvalidOperationException($"Ticket {ticket.Id} already belongs to another asker; it is not shown to this one.");
        }
    }

    public async Task<TicketEntity?> FindAsync(string ticketId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<TicketEntity>(ticketId, TicketEntity.TicketRowKey, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Reads the ticket, asks <paramref name="decide"/> what to do, and writes the result only if the ticket is still
    /// the version that was read. When someone else wrote first, it reads again and asks again, so the decision is
    /// always made on the latest state (two experts pressing "assign to me": the second sees the first has it).
    /// Returns null when there is no such ticket.
    /// </summary>
    public Task<TicketChange?> ChangeAsync(string ticketId, Func<TicketEntity, TicketDecision> decide, CancellationToken cancellationToken) =>
        ChangeAsync(ticketId, decide, null, cancellationToken);

    /// <summary>
    /// <see cref="ChangeAsync(string, Func{TicketEntity, TicketDecision}, CancellationToken)"/>, and when the change is
    /// applied, the messages <paramref name="notify"/> says the changed ticket owes are written with it as outbox rows.
    /// </summary>
    public async Task<TicketChange?> ChangeAsync(
        string ticketId, Func<TicketEntity, TicketDecision> decide, Func<TicketEntity, IReadOnlyList<OutboxMessage>>? notify, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var current = await table.FindAsync<TicketEntity>(ticketId, TicketEntity.TicketRowKey, cancellationToken: cancellationToken);
            if (current is null)
            {
                return null;
            }

            switch (decide(current))
            {
                case TicketDecision.Decline decline:
                    return new TicketChange(current, false, decline.Reason);
                case TicketDecision.Apply apply:
                    try
                    {
                        var updated = apply.Ticket with { PartitionKey = current.PartitionKey, RowKey = current.RowKey, Version = current.Version + 1 };
                        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, updated, current.ETag)];
                        if (apply.History is { } history)
                        {
                            var line = history with { PartitionKey = current.PartitionKey, RowKey = TicketHistoryEntity.RowKeyFor(updated.Version) };
                            actions.Add(new(TableTransactionActionType.Add, line));
                        }

                        if (notify is not null)
                        {
                            actions.AddRange(Rows(updated, notify(updated)));
                        }

                        var written = await table.SubmitTransactionAsync(actions, cancellationToken);
                        return new TicketChange(updated with { ETag = written.Value[0].NewETag() }, true, null);
                    }
                    catch (TableTransactionFailedException exception) when (exception.IsConcurrencyConflict() && attempt < MaxAttempts)
                    {
                        logger.LogInformation("Ticket {TicketId} changed while being updated; deciding again (attempt {Attempt})", ticketId, attempt);
                    }

                    break;
                default:
                    throw new InvalidOperationException("Unknown ticket decision.");
            }
        }
    }

    private IEnumerable<TableTransactionAction> Rows(TicketEntity ticket, IReadOnlyList<OutboxMessage> messages)
    {
        var now = _clock.GetUtcNow();
        return messages.Select(message => new TableTransactionAction(
            TableTransactionActionType.Add,
            message.ToEntity(ticket.PartitionKey, NotificationId(ticket.Version, message.Name), now)));
    }

    /// <summary>Every ticket not yet closed (open, or answered and waiting for the asker).</summary>
    public async Task<IReadOnlyList<TicketEntity>> ListNotClosedAsync(CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TicketEntity.TicketRowKey} and Status ne {nameof(TicketStatus.Closed)}");
        var tickets = new List<TicketEntity>();
        await foreach (var ticket in table.QueryAsync<TicketEntity>(filter, cancellationToken: cancellationToken))
        {
            tickets.Add(ticket);
        }

        return tickets;
    }

    public async Task<IReadOnlyList<TicketHistoryEntity>> HistoryAsync(string ticketId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ticketId} and RowKey ge {TicketHistoryEntity.RowKeyPrefix} and RowKey lt {"history."}");
        var history = new List<TicketHistoryEntity>();
        await foreach (var line in table.QueryAsync<TicketHistoryEntity>(filter, cancellationToken: cancellationToken))
        {
            history.Add(line);
        }

        return history;
    }
}
