using LearningBot.GoodPractice.Networks;
using LearningBot.Outbox;

namespace LearningBot.GoodPractice.LeadNotices;

/// <summary>
/// The outbox row an approval owes (written in the same transaction as the approval): delivering it records which leads
/// hear of the example and sends the straight-away cards, and posts it in the matching networks' channels. Delivering it
/// again adds and sends nothing twice.
/// </summary>
public sealed class LeadNoticeOutbox(GoodPracticeStore examples, LeadNotifier notifier, NetworkNotifier networks) : IOutboxHandler
{
    public const string KindName = "good-practice-lead-notices";

    public string Kind => KindName;

    public static OutboxMessage Message(GoodPracticeExample example)
    {
        ArgumentNullException.ThrowIfNull(example);
        return new("lead-notices", KindName, Subject: example.Id, CollapseKey: $"lead-notices|{example.Id}");
    }

    /// <summary>What a decision owes the leads: only an approval owes anything.</summary>
    public static IEnumerable<OutboxMessage> For(GoodPracticeExample decided)
    {
        ArgumentNullException.ThrowIfNull(decided);
        return decided.Status == ExampleStatus.Approved ? [Message(decided)] : [];
    }

    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Subject is not { Length: > 0 } id || await examples.FindAsync(id, cancellationToken) is not { } example)
        {
            return new OutboxResult.Unreachable("example-gone");
        }

        await notifier.NotifyAsync(example, cancellationToken);
        await networks.NotifyAsync(example, cancellationToken);
        return new OutboxResult.Delivered(null);
    }
}
