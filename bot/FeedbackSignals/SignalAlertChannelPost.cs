using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Outbox;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Posts an alert nobody matched (status <c>no-lead</c>) in the L&amp;D channel, so the L&amp;D Support Team sees it;
/// waits while no channel is set, as moderation cards do.
/// </summary>
public sealed class SignalAlertChannelPost(SignalAlerts alerts, ExpertChannelStore channels, ProactiveMessenger messenger, SignalAlertCards cards) : IOutboxHandler
{
    public const string KindName = "signal-alert-no-lead";

    public string Kind => KindName;

    public static OutboxMessage Message(SignalAlert alert) =>
        new("no-lead-post", KindName, Subject: alert.AlertId, CollapseKey: $"no-lead-post|{alert.AlertId}");

    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        var alert = row.Subject is { Length: > 0 } id ? await alerts.FindAsync(id, cancellationToken) : null;
        if (alert is null)
        {
            return new OutboxResult.Unreachable("alert-gone");
        }

        if (await channels.GetAsync(cancellationToken) is not { } channel)
        {
            return new OutboxResult.RetryLater("no-expert-channel");
        }

        var sent = await messenger.SendCardAsync(channel.Conversation, cards.Alert(alert), cancellationToken);
        return new OutboxResult.Delivered(sent.ActivityId);
    }
}
