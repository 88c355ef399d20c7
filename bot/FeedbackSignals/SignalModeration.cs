using LearningBot.Outbox;
using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Logging a signal and a moderator's decision on it, each written with the moderation card it owes as an outbox row in
/// the same transaction; the outbox then posts the card in the L&amp;D channel, or brings it up to date there.
/// </summary>
public sealed class SignalModeration(FeedbackSignalStore store, SignalAlerts alerts, OutboxDispatcher outbox, TimeProvider clock, SignalCompliments compliments)
{
    public const string AlreadyDecided = "Another moderator has already decided on this signal: the card shows what they decided.";

    public Task<FeedbackSignal?> FindAsync(string signalId, CancellationToken cancellationToken) => store.FindAsync(signalId, cancellationToken);

    /// <summary>
    /// Stores the signal (once per id) owing its moderation card, and has the outbox post it without waiting: the person
    /// logging is thanked at once, and the card, safe in storage with the signal, reaches the L&amp;D channel from the
    /// outbox. The row is committed claimed for this instance, which posts it from the signal and row as written, without
    /// reading them back; should this instance stop first, any instance's periodic scan posts it once the claim has run
    /// out (<c>Outbox:LeaseDuration</c>, then up to <c>Outbox:ScanInterval</c>). A repeated press finds the signal stored and only kicks the
    /// outbox, which finishes any card a failure left owed.
    /// </summary>
    public async Task<FeedbackSignal> LogAsync(FeedbackSignal signal, CancellationToken cancellationToken)
    {
        var logged = await store.LogAsync(signal, [SignalModerationCard.Message(signal)], cancellationToken, hold: outbox.HeldForKick);
        if (logged.Stored)
        {
            outbox.Kick(FeedbackSignalStore.TableName, FeedbackSignal.Partition, logged.Committed);
        }
        else
        {
            await DeliverAsync(cancellationToken);
        }

        return logged.Signal;
    }

    /// <summary>
    /// Decides on the signal as it is now: applies <paramref name="decide"/> only while it awaits moderation, so a second
    /// moderator pressing on a stale card gets the signal as decided, never a second decision. Null when there is no such signal.
    /// </summary>
    public async Task<EntityChange<FeedbackSignal>?> DecideAsync(
        string signalId, string moderatorKey, Func<FeedbackSignal, FeedbackSignal> decide, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await store.ChangeAsync(signalId, current => current.IsDecided
                ? new EntityDecision<FeedbackSignal>.Keep()
                : new EntityDecision<FeedbackSignal>.Write(decide(current) with { DecidedBy = moderatorKey, DecidedAt = now }),
            changed => [SignalModerationCard.Message(changed)], cancellationToken);
        if (change is { Changed: true })
        {
            await DeliverAsync(cancellationToken);
        }

        if (change is { Entity.Status: FeedbackSignal.Accepted })
        {
            // Also when someone else decided first: counting is once per signal, so a repeat finishes what a failure left.
            await alerts.CountAsync(change.Entity, cancellationToken);
            await compliments.RecogniseAsync(change.Entity, cancellationToken);
        }

        return change;
    }

    public static Func<FeedbackSignal, FeedbackSignal> Accept(bool urgent) =>
        signal => signal.Decided(FeedbackSignal.Accepted, ScrubbedText.Empty) with { Urgent = urgent };

    public static Func<FeedbackSignal, FeedbackSignal> Correct(string theme, string serviceArea) =>
        signal => signal.Decided(FeedbackSignal.Accepted, ScrubbedText.Empty) with { Theme = theme, ServiceArea = serviceArea };

    /// <summary>Accepted into a theme that already exists: a correction to its theme and service area, recorded as merged.</summary>
    public static Func<FeedbackSignal, FeedbackSignal> Merge(string theme, string serviceArea) =>
        signal => Correct(theme, serviceArea)(signal) with { Merged = true };

    public static Func<FeedbackSignal, FeedbackSignal> WithReason(string status, ScrubbedText reason) =>
        signal => signal.Decided(status, reason);

    private Task DeliverAsync(CancellationToken cancellationToken) =>
        outbox.DeliverSoonAsync(FeedbackSignalStore.TableName, FeedbackSignal.Partition, cancellationToken);
}
