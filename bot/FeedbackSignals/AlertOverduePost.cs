using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Outbox;

namespace LearningBot.FeedbackSignals;

/// <summary>
/// Tells the L&amp;D channel of an alert no lead has answered in time when nobody is configured as head of the L&amp;D
/// Support Team (<c>Roles:HeadOfSupportTeam</c>); waits while no channel is set, as moderation cards do.
/// </summary>
public sealed class AlertOverduePost(SignalAlerts alerts, ExpertChannelStore channels, ProactiveMessenger messenger, SignalAlertCards cards) : IOutboxHandler
{
    public const string KindName = "signal-alert-overdue";

    public string Kind => KindName;

    public static OutboxMessage Message(SignalAlert alert) =>
        new("overdue-post", KindName, Subject: alert.AlertId, CollapseKey: $"overdue-post|{alert.AlertId}");

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

        var sent = await messenger.SendCardAsync(channel.Conversation, cards.Alert(alert, AlertForms.ReadOnly, AlertFollowUp.HeadNotice), cancellationToken);
        return new OutboxResult.Delivered(sent.ActivityId);
    }
}
