using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using LearningBot.Outbox;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// The alert lifecycle's changes to <c>SignalAlerts</c> rows: passing on, claiming a reminder or the head's notice, and
/// recording the deliveries they started. Every change is made with optimistic concurrency and only while it is still
/// owed, so two instances (or a press Teams delivers twice) change it once.
/// </summary>
public sealed class AlertStore(TableStorage tables, TimeProvider clock)
{
    private readonly LazyTable _alerts = tables.Table(SignalAlerts.AlertsTable);

    /// <summary>Every alert (the outbox rows that share their partition left out).</summary>
    public async Task<List<SignalAlert>> ListAsync(CancellationToken cancellationToken)
    {
        var table = await _alerts.GetAsync(cancellationToken);
        return await table.ListAsync<SignalAlert>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {SignalAlert.Partition} and (RowKey lt {OutboxEntity.RowKeyPrefix} or RowKey ge {OutboxEntity.RowKeyEnd})"), cancellationToken: cancellationToken);
    }

    public async Task<EntityChange<SignalAlert>?> ChangeAsync(string alertId, Func<SignalAlert, SignalAlert?> change, CancellationToken cancellationToken)
    {
        var table = await _alerts.GetAsync(cancellationToken);
        return await table.ChangeAsync<SignalAlert>(SignalAlert.Partition, alertId, current => change(current) is { } changed
            ? new EntityDecision<SignalAlert>.Write(changed)
            : new EntityDecision<SignalAlert>.Keep(), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Passes an open alert from <paramref name="from"/> to <paramref name="to"/>: the new lead is added to its recipients
    /// and becomes the one asked. A second pass from the same lead to the same lead changes nothing.
    /// </summary>
    public Task<EntityChange<SignalAlert>?> PassAsync(string alertId, string from, string to, string toName, ScrubbedText note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return ChangeAsync(alertId, current =>
        {
            var passes = current.PassList();
            if (current.Status != SignalAlert.Open || passes.Any(p => SamePerson(p.From, from) && SamePerson(p.To, to)))
            {
                return null;
            }

            var recipients = current.IsRecipient(to) ? current.Recipients : string.Join(',', [.. current.RecipientKeys(), to]);
            return current with
            {
                Passes = JsonSerializer.Serialize<List<AlertPass>>([.. passes, new AlertPass(from, to, toName, now, note.Text, null)]),
                Recipients = recipients,
                AskedOf = to,
                Version = current.Version + 1,
            };
        }, cancellationToken);
    }

    /// <summary>Records the delivery started for the pass to <paramref name="to"/>.</summary>
    public Task<EntityChange<SignalAlert>?> PassDeliveredAsync(string alertId, string to, string deliveryId, CancellationToken cancellationToken) =>
        ChangeAsync(alertId, current =>
        {
            var passes = current.PassList();
            return passes.Any(p => SamePerson(p.To, to) && p.DeliveryId is null)
                ? current with { Passes = JsonSerializer.Serialize<List<AlertPass>>([.. passes.Select(p => SamePerson(p.To, to) ? p with { DeliveryId = deliveryId } : p)]) }
                : null;
        }, cancellationToken);

    /// <summary>
    /// Claims the head's notice on an open alert not yet told; when nobody is configured as head, the same write owes a
    /// post in the L&amp;D channel (an outbox row). False when another instance claimed it, or the alert was answered.
    /// </summary>
    public async Task<bool> ClaimHeadNoticeAsync(SignalAlert alert, bool toChannel, CancellationToken cancellationToken)
    {
        var table = await _alerts.GetAsync(cancellationToken);
        var current = await table.FindAsync<SignalAlert>(SignalAlert.Partition, alert.AlertId, cancellationToken: cancellationToken);
        if (current is not { Status: SignalAlert.Open, HeadToldAt: null })
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var claimed = current with { HeadToldAt = now, HeadDeliveryId = toChannel ? SignalAlert.ToldInChannel : null, Version = current.Version + 1 };
        List<TableTransactionAction> actions = [new(TableTransactionActionType.UpdateReplace, claimed, current.ETag)];
        if (toChannel)
        {
            var message = AlertChannelPurpose.Overdue.Message(claimed);
            actions.Add(new(TableTransactionActionType.Add, message.ToEntity(
                claimed.PartitionKey, string.Create(CultureInfo.InvariantCulture, $"{claimed.AlertId}-{claimed.Version:D6}-{message.Name}"), now)));
        }

        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.IsConcurrencyConflict())
        {
            return false; // changed meanwhile: the next pass decides again on what is there
        }
    }

    /// <summary>Whether this week's bundles were all started (a row per week, partition <c>weekly-bundle</c>).</summary>
    public async Task<bool> BundledAsync(string week, CancellationToken cancellationToken)
    {
        var table = await _alerts.GetAsync(cancellationToken);
        return await table.FindAsync<WeeklyBundleMark>(WeeklyBundleMark.Partition, week, cancellationToken: cancellationToken) is not null;
    }

    public async Task MarkBundledAsync(string week, int leads, CancellationToken cancellationToken)
    {
        var table = await _alerts.GetAsync(cancellationToken);
        await table.UpsertEntityAsync(new WeeklyBundleMark { RowKey = week, Leads = leads, At = clock.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
    }

    public static bool SamePerson(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A week whose bundles for leads who chose weekly alerts were started (row key: the week's moment, UTC).</summary>
public sealed record WeeklyBundleMark : TableRow
{
    public const string Partition = "weekly-bundle";

    public WeeklyBundleMark()
    {
        PartitionKey = Partition;
    }

    public int Leads { get; init; }

    public DateTimeOffset At { get; init; }
}
