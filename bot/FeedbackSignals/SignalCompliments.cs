using Azure;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.Leads;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Compliments count too: an accepted compliment goes, as recognition, to the leads the alert rule's matching finds for
/// its theme and kind of organisation (<see cref="SignalAlerts.LeadsForAsync"/>), once per signal; a lead can pass it to
/// the team's manager (once per manager) and suggest it for the good-practice exchange.
/// </summary>
public sealed class SignalCompliments(
    TableStorage tables, SignalAlerts alerts, GoodPracticeSuggestions suggestions, IDeliveries deliveries, CardCatalog cards, TimeProvider clock)
{
    public const string TableName = "SignalCompliments";
    public const string Purpose = "signal-compliment";
    public const string ManagerPurpose = "signal-compliment-manager";

    private readonly LazyTable _table = tables.Table(TableName);

    public async Task<ComplimentRecognition?> FindAsync(string signalId, CancellationToken cancellationToken)
    {
        var table = await _table.GetAsync(cancellationToken);
        return await table.FindAsync<ComplimentRecognition>(ComplimentRecognition.Partition, signalId, cancellationToken: cancellationToken);
    }

    /// <summary>Sends an accepted compliment to its leads, unless it was sent already (a repeat finishes what a failure left).</summary>
    public async Task RecogniseAsync(FeedbackSignal signal, CancellationToken cancellationToken)
    {
        if (signal is not { Kind: FeedbackSignalKinds.Compliment, Status: FeedbackSignal.Accepted })
        {
            return;
        }

        var table = await _table.GetAsync(cancellationToken);
        var recognition = await FindAsync(signal.Id, cancellationToken);
        if (recognition is null)
        {
            var leads = await alerts.LeadsForAsync(signal.Theme, signal.OrganisationKind, cancellationToken);
            recognition = new ComplimentRecognition
            {
                RowKey = signal.Id,
                SignalId = signal.Id,
                Recipients = string.Join(',', leads.Select(lead => lead.Key)),
                RecognisedAt = clock.GetUtcNow(),
            };
            try
            {
                await table.AddEntityAsync(recognition, cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.IsAlreadyExists())
            {
                recognition = await FindAsync(signal.Id, cancellationToken) ?? recognition;
            }
        }

        if (recognition.DeliveryId is not null || recognition.RecipientKeys().Count == 0)
        {
            return;
        }

        var started = await deliveries.StartAsync(Request(Purpose, signal.Id, signal, ComplimentCardData.ForLeads(signal, recognition),
            [.. recognition.RecipientKeys().Select(key => DeliveryRecipient.Person(key, organisationKind: signal.OrganisationKind))]), cancellationToken);
        await table.ChangeAsync<ComplimentRecognition>(ComplimentRecognition.Partition, signal.Id, current => current.DeliveryId is null
            ? new EntityDecision<ComplimentRecognition>.Write(current with { DeliveryId = started.DeliveryId })
            : new EntityDecision<ComplimentRecognition>.Keep(), cancellationToken: cancellationToken);
    }

    /// <summary>Sends the recognition to a manager a lead chose: once per signal and manager.</summary>
    public async Task<ComplimentRecognition?> PassToManagerAsync(FeedbackSignal signal, string managerKey, string? managerOrganisationKind, CancellationToken cancellationToken)
    {
        await deliveries.StartAsync(Request(ManagerPurpose, ManagerKeyFor(signal.Id, managerKey), signal, ComplimentCardData.ToManager(signal),
            [DeliveryRecipient.Person(managerKey, organisationKind: managerOrganisationKind)]), cancellationToken);
        var table = await _table.GetAsync(cancellationToken);
        var change = await table.ChangeAsync<ComplimentRecognition>(ComplimentRecognition.Partition, signal.Id, current =>
        {
            var passed = current.PassedTo(managerKey);
            return ReferenceEquals(passed, current) ? new EntityDecision<ComplimentRecognition>.Keep() : new EntityDecision<ComplimentRecognition>.Write(passed);
        }, cancellationToken: cancellationToken);
        return change?.Entity;
    }

    /// <summary>The manager delivery's idempotency key: 32 hex digits of SHA-256 of the signal and the manager (case ignored).</summary>
    internal static string ManagerKeyFor(string signalId, string managerKey) => StableKey.Of($"{signalId}\n{managerKey.ToLowerInvariant()}", 32);

    /// <summary>Suggests the compliment for the good-practice exchange (once); the recognition as it now stands.</summary>
    public async Task<(ComplimentRecognition? Recognition, bool Suggested)> SuggestAsync(FeedbackSignal signal, string leadKey, CancellationToken cancellationToken)
    {
        var suggested = await suggestions.SuggestAsync(signal, leadKey, cancellationToken);
        var table = await _table.GetAsync(cancellationToken);
        var change = await table.ChangeAsync<ComplimentRecognition>(ComplimentRecognition.Partition, signal.Id, current => current.Suggested
            ? new EntityDecision<ComplimentRecognition>.Keep()
            : new EntityDecision<ComplimentRecognition>.Write(current with { Suggested = true }), cancellationToken: cancellationToken);
        return (change?.Entity, suggested);
    }

    private DeliveryRequest Request(string purpose, string key, FeedbackSignal signal, ComplimentCardData data, IReadOnlyList<DeliveryRecipient> to) => new(
        purpose,
        IdempotencyKey: key,
        SignalAlerts.RequestedBy,
        ProactiveMessenger.CardMessage(cards.Render(data)) with { Summary = $"A compliment: {SignalThemes.LabelOf(signal.Theme)}" },
        to);
}
