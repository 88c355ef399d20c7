using System.Text.Json.Nodes;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Outbox;

namespace LearningBot.FeedbackSignals;

/// <summary>What an alert posted in the L&amp;D channel is for: its outbox kind, row prefix and card.</summary>
public sealed record AlertChannelPurpose(string Kind, string RowPrefix, Func<SignalAlertCards, SignalAlert, JsonObject> Card)
{
    /// <summary>An alert nobody matched (status <c>no-lead</c>), so the L&amp;D Support Team sees it.</summary>
    public static readonly AlertChannelPurpose NoLead = new("signal-alert-no-lead", "no-lead-post", (cards, alert) => cards.Alert(alert));

    /// <summary>An alert no lead answered in time, when nobody is configured as head of the L&amp;D Support Team (<c>Roles:HeadOfSupportTeam</c>).</summary>
    public static readonly AlertChannelPurpose Overdue = new(
        "signal-alert-overdue", "overdue-post", (cards, alert) => cards.Alert(alert, AlertForms.ReadOnly, AlertFollowUp.HeadNotice));

    /// <summary>The outbox row a change to the alert writes in the same transaction.</summary>
    public OutboxMessage Message(SignalAlert alert) =>
        new(RowPrefix, Kind, Subject: alert.AlertId, CollapseKey: $"{RowPrefix}|{alert.AlertId}");
}

/// <summary>Posts an alert in the L&amp;D channel for one <see cref="AlertChannelPurpose"/>; waits while no channel is set, as moderation cards do.</summary>
public sealed class AlertChannelPost(
    AlertChannelPurpose purpose, SignalAlerts alerts, ExpertChannelStore channels, ProactiveMessenger messenger, SignalAlertCards cards) : IOutboxHandler
{
    public string Kind => purpose.Kind;

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

        var sent = await messenger.SendCardAsync(channel.Conversation, purpose.Card(cards, alert), cancellationToken);
        return new OutboxResult.Delivered(sent.ActivityId);
    }
}
