using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Outbox;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Delivers a signal's moderation card from the outbox, as tickets' channel cards are delivered: the first delivery posts
/// it in the L&amp;D channel (the expert channel; waiting while none is set) and records where on the signal, in one
/// transaction with the outbox row marked delivered; later ones bring it up to date in place for everyone. Every change
/// owes one, and the newest delivered covers the older ones.
/// </summary>
public sealed class SignalModerationCard(
    FeedbackSignalStore signals,
    ExpertChannelStore channels,
    ProactiveMessenger messenger,
    SignalCards cards,
    TimeProvider clock,
    ILogger<SignalModerationCard> logger) : IOutboxHandler
{
    public const string KindName = "signal-moderation-card";

    public string Kind => KindName;

    /// <summary>What a signal's change owes the L&amp;D channel (its id in the collapse key: all signals share one partition).</summary>
    public static OutboxMessage Message(FeedbackSignal signal) =>
        new("moderation-card", KindName, Subject: signal.Id, CollapseKey: $"moderation-card|{signal.Id}");

    public Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken) =>
        DeliverAsync(row, [], cancellationToken);

    /// <summary>
    /// Straight after the commit, the signal as it was written stands in for reading it: the card is recorded on it at that
    /// ETag, so if a moderator decided meanwhile the write fails, the signal is read again and the posted card shows the decision.
    /// </summary>
    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, IReadOnlyList<Azure.Data.Tables.ITableEntity> committed, CancellationToken cancellationToken)
    {
        var written = committed.OfType<FeedbackSignal>().FirstOrDefault(signal => signal.Id == row.Subject && signal.ETag != default);
        var signal = written ?? (row.Subject is { Length: > 0 } id ? await signals.FindAsync(id, cancellationToken) : null);
        if (signal is null)
        {
            return new OutboxResult.Unreachable("signal-gone");
        }

        if (SentMessage.FromJson(signal.ModerationCard) is { } posted)
        {
            await messenger.UpdateCardAsync(posted, cards.Moderation(signal), cancellationToken);
            return new OutboxResult.Delivered(posted.ActivityId);
        }

        var channel = await channels.GetAsync(cancellationToken);
        if (channel is null)
        {
            logger.LogInformation("Signal {SignalId} waits for the L&D channel: none is set yet", signal.Id);
            return new OutboxResult.RetryLater("no-expert-channel");
        }

        var sent = await messenger.SendCardAsync(channel.Conversation, cards.Moderation(signal), cancellationToken);
        EntityChange<FeedbackSignal>? recorded;
        try
        {
            // Where the card went, and the row marked delivered, in one transaction: the signal's write is made at the ETag
            // read (a lost race is decided again), the row's at its claim's (if another instance has taken the row since,
            // nothing is written and this throws).
            recorded = await signals.ChangeAsync(signal.Id, current => current.ModerationCard is null
                ? new EntityDecision<FeedbackSignal>.Write(current with { ModerationCard = sent.ToJson() })
                : new EntityDecision<FeedbackSignal>.Keep(), null, cancellationToken, known: signal,
                along: [row.SettleDelivered(sent.ActivityId, clock.GetUtcNow())]);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            // Not recorded on the signal, so the next attempt posts again: take this one down first.
            await TakeDownAsync(sent, signal.Id, cancellationToken);
            throw;
        }

        if (recorded is not { Changed: true })
        {
            if (recorded is not null)
            {
                // Another instance posted the card first: take this copy down so the channel shows one.
                await TakeDownAsync(sent, signal.Id, cancellationToken);
            }

            return new OutboxResult.Delivered(sent.ActivityId);
        }

        if (recorded.Entity.IsDecided)
        {
            await ShowDecisionAsync(sent, recorded.Entity, cancellationToken);
        }

        return new OutboxResult.Settled(sent.ActivityId);
    }

    /// <summary>
    /// Decided while the card was on its way: the card shows the decision. The row is settled already, so a failure here
    /// is left to the decision's own card, which the outbox delivers as an update of this one.
    /// </summary>
    private async Task ShowDecisionAsync(SentMessage sent, FeedbackSignal decided, CancellationToken cancellationToken)
    {
        try
        {
            await messenger.UpdateCardAsync(sent, cards.Moderation(decided), cancellationToken);
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning(exception, "Could not show the decision on the moderation card of signal {SignalId}", decided.Id);
        }
    }

    private async Task TakeDownAsync(SentMessage sent, string signalId, CancellationToken cancellationToken)
    {
        try
        {
            await messenger.DeleteAsync(sent, cancellationToken);
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning(exception, "Could not remove a second moderation card of signal {SignalId}", signalId);
        }
    }
}
