using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.Outbox;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Delivers a ticket's channel card from the outbox: brings the card in the expert channel up to date with the ticket
/// as it is now. The first delivery posts it (waiting while no expert channel is set) and records where on the ticket;
/// later ones replace it in place. Every change owes one, and the newest delivered covers the older ones.
/// </summary>
public sealed class TicketChannelCard(
    TicketStore tickets,
    ExpertChannelStore channels,
    ProactiveMessenger messenger,
    TicketCards cards,
    ILogger<TicketChannelCard> logger) : IOutboxHandler
{
    public const string KindName = "ticket-channel-card";

    public string Kind => KindName;

    /// <summary>What a ticket change owes the expert channel.</summary>
    public static OutboxMessage Message() => new("channel-card", KindName, CollapseKey: "channel-card");

    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        var ticket = await tickets.FindAsync(row.PartitionKey, cancellationToken);
        if (ticket is null)
        {
            return new OutboxResult.Unreachable("ticket-gone");
        }

        if (SentMessage.FromJson(ticket.ChannelMessage) is { } posted)
        {
            await messenger.UpdateCardAsync(posted, cards.Channel(ticket), cancellationToken);
            return new OutboxResult.Delivered(posted.ActivityId);
        }

        var channel = await channels.GetAsync(cancellationToken);
        if (channel is null)
        {
            logger.LogInformation("Ticket {TicketId} waits for an expert channel: none is set yet", ticket.Id);
            return new OutboxResult.RetryLater("no-expert-channel");
        }

        var sent = await messenger.SendCardAsync(channel.Conversation, cards.Channel(ticket), cancellationToken);
        TicketChange? recorded;
        try
        {
            recorded = await tickets.ChangeAsync(ticket.Id, current => current.ChannelMessage is null
                ? new TicketDecision.Apply(current with { ChannelMessage = sent.ToJson() }, null)
                : new TicketDecision.Decline("already posted"), cancellationToken);
        }
        catch (Exception exception) when (Storage.TableErrors.IsStorageFailure(exception))
        {
            // Not recorded on the ticket, so the next attempt posts again: take this one down first.
            await TakeDownAsync(sent, ticket.Id, cancellationToken);
            throw;
        }

        if (recorded is { Changed: false })
        {
            // Another instance posted the card first: take this copy down so the channel shows one.
            await TakeDownAsync(sent, ticket.Id, cancellationToken);
        }

        return new OutboxResult.Delivered(sent.ActivityId);
    }

    private async Task TakeDownAsync(SentMessage sent, string ticketId, CancellationToken cancellationToken)
    {
        try
        {
            await messenger.DeleteAsync(sent, cancellationToken);
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning(exception, "Could not remove a second channel card of ticket {TicketId}", ticketId);
        }
    }
}
