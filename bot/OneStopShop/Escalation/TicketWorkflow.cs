using Azure;
using Azure.Data.Tables;
using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Privacy;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// The life of an escalated question: created from the ask form, posted to the expert channel, assigned,
/// answered (delivered 1:1 to the asker), closed, reopened and rated. Every status change is written with
/// the ticket's ETag and a history line, then the channel card is updated in place and the asker is told.
/// </summary>
public sealed class TicketWorkflow(
    TicketStore tickets,
    ExpertChannelStore channels,
    ProactiveMessenger messenger,
    TicketCards cards,
    AnswerDeadline deadline,
    IKnowledgeArticleWriter knowledge,
    TimeProvider clock,
    ILogger<TicketWorkflow> logger)
{
    public const string Helpful = "helpful";
    public const string NotHelpful = "not-helpful";

    private static readonly Actor System = new("learningbot", "LearningBot");

    public Task<TicketEntity?> FindAsync(string ticketId, CancellationToken cancellationToken) =>
        tickets.FindAsync(ticketId, cancellationToken);

    /// <summary>The id for the ticket of this asker's submit of the form with <paramref name="clientToken"/> (see <see cref="TicketStore.ClaimIdAsync"/>).</summary>
    public Task<string> ClaimTicketIdAsync(Actor asker, string clientToken, CancellationToken cancellationToken) =>
        tickets.ClaimIdAsync(asker.Key, clientToken, cancellationToken);

    /// <summary>Free text scrubbed of identifiers as of today (UK time): the only form the ticket store takes.</summary>
    public ScrubbedText Scrub(string? text) => PersonalDataScrubber.Scrub(text, deadline.Today(clock.GetUtcNow()));

    /// <summary>Creates the ticket (once per id) from the scrubbed question and context, and posts it to the expert channel.</summary>
    public async Task<TicketEntity> EscalateAsync(string ticketId, Actor asker, ScrubbedText question, ScrubbedText context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ticket = TicketEntity.Ask(ticketId, question, context, asker, now, deadline.PromiseFor(now));

        var (stored, created) = await tickets.CreateAsync(ticket, TicketHistoryEntity.For(ticketId, "asked", asker, now), cancellationToken);
        if (!created)
        {
            return stored;
        }

        logger.LogInformation("Ticket {TicketId} created, answer promised by {PromisedBy:O}", ticketId, stored.PromisedBy);
        return await PostToChannelAsync(stored, cancellationToken);
    }

    /// <summary>Posts the ticket's card to the expert channel, unless it is already there or no channel is set.</summary>
    public async Task<TicketEntity> PostToChannelAsync(TicketEntity ticket, CancellationToken cancellationToken)
    {
        if (ticket.ChannelMessage is not null)
        {
            return ticket;
        }

        var channel = await channels.GetAsync(cancellationToken);
        if (channel is null)
        {
            logger.LogWarning("Ticket {TicketId} waits for an expert channel: none is set yet", ticket.Id);
            return ticket;
        }

        SentMessage sent;
        try
        {
            sent = await messenger.SendCardAsync(channel.Conversation, cards.Channel(ticket), cancellationToken);
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning(exception, "Could not post ticket {TicketId} to the expert channel; the overdue check tries again", ticket.Id);
            return ticket;
        }

        var change = await tickets.ChangeAsync(ticket.Id, current => current.ChannelMessage is null
            ? new TicketDecision.Apply(current with { ChannelMessage = sent.ToJson() }, null)
            : new TicketDecision.Decline("already posted"), cancellationToken);
        return change?.Ticket ?? ticket;
    }

    /// <summary>Posts every open ticket that is not in the channel yet (after the channel is first set). Returns how many.</summary>
    public async Task<int> PostWaitingTicketsAsync(CancellationToken cancellationToken)
    {
        var posted = 0;
        foreach (var ticket in await tickets.ListNotClosedAsync(cancellationToken))
        {
            if (ticket.IsOpen && ticket.ChannelMessage is null && (await PostToChannelAsync(ticket, cancellationToken)).ChannelMessage is not null)
            {
                posted++;
            }
        }

        return posted;
    }

    public async Task<TicketChange?> AssignAsync(string ticketId, Actor expert, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await tickets.ChangeAsync(ticketId, ticket => ticket.Status switch
        {
            TicketStatus.Unassigned => new TicketDecision.Apply(
                ticket with { Status = TicketStatus.Assigned, AssigneeKey = expert.Key, AssigneeName = expert.Name },
                TicketHistoryEntity.For(ticketId, "assigned", expert, now)),
            TicketStatus.Assigned when ticket.AssigneeKey == expert.Key => new TicketDecision.Decline("You already have this question."),
            TicketStatus.Assigned => new TicketDecision.Decline($"{ticket.AssigneeName} has already picked this question up."),
            _ => new TicketDecision.Decline($"This question is already {ticket.Status.ToString().ToLowerInvariant()}."),
        }, cancellationToken);

        await AfterChangeAsync(change, cancellationToken, ticket => NotifyAskerAsync(ticket, cards.Update(ticket,
            "Your question has been picked up",
            $"{expert.Name} from the L&D team is looking at your question. You'll have an answer by {deadline.Describe(ticket.PromisedBy)}."),
            cancellationToken));
        return change;
    }

    /// <summary>Records the answer, sends it to the asker 1:1 and, when asked, saves it as a knowledge-base article.</summary>
    public async Task<TicketChange?> AnswerAsync(string ticketId, Actor expert, ScrubbedText answer, bool addToKnowledgeBase, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await tickets.ChangeAsync(ticketId, ticket => ticket.IsOpen
            ? new TicketDecision.Apply(
                ticket.WithAnswer(answer) with
                {
                    Status = TicketStatus.Answered,
                    AssigneeKey = ticket.AssigneeKey ?? expert.Key,
                    AssigneeName = ticket.AssigneeName ?? expert.Name,
                    AnsweredByName = expert.Name,
                    AnsweredAt = now,
                    Rating = null,
                    ArticleId = addToKnowledgeBase ? ticket.ArticleId ?? AnswerArticle.IdFor(ticket) : ticket.ArticleId,
                },
                TicketHistoryEntity.For(ticketId, "answered", expert, now, addToKnowledgeBase ? "added to the knowledge base" : null))
            : new TicketDecision.Decline(ticket.Status == TicketStatus.Answered
                ? $"{ticket.AnsweredByName} has already answered this question."
                : "This question is closed; reopen it to answer."), cancellationToken);

        if (change is { Changed: true } && addToKnowledgeBase)
        {
            change = await SaveArticleAsync(change, expert, now, cancellationToken);
        }

        var delivered = true;
        await AfterChangeAsync(change, cancellationToken, async ticket => delivered = await NotifyAskerAsync(ticket, cards.Answer(ticket), cancellationToken));
        return delivered || change is null
            ? change
            : change with { Notice = $"I couldn't reach {change.Ticket.AskerName} in Teams, so please send them the answer another way." };
    }

    public async Task<TicketChange?> CloseAsync(string ticketId, Actor expert, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await tickets.ChangeAsync(ticketId, ticket => ticket.Status == TicketStatus.Closed
            ? new TicketDecision.Decline("This question is already closed.")
            : new TicketDecision.Apply(ticket with { Status = TicketStatus.Closed, ClosedAt = now }, TicketHistoryEntity.For(ticketId, "closed", expert, now)),
            cancellationToken);

        await AfterChangeAsync(change, cancellationToken, ticket => NotifyAskerAsync(ticket, cards.Update(ticket,
            "Your question has been closed",
            $"{expert.Name} from the L&D team closed your question. If you still need help, reopen it and the team will pick it up again."),
            cancellationToken));
        return change;
    }

    /// <summary>Opens an answered or closed ticket again: back to its assignee, or to the queue. The asker is told unless they did it.</summary>
    public async Task<TicketChange?> ReopenAsync(string ticketId, Actor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await tickets.ChangeAsync(ticketId, ticket => ticket.IsOpen
            ? new TicketDecision.Decline("This question is already open.")
            : new TicketDecision.Apply(
                ticket with { Status = ticket.AssigneeKey is null ? TicketStatus.Unassigned : TicketStatus.Assigned, ClosedAt = null, Rating = null },
                TicketHistoryEntity.For(ticketId, "reopened", actor, now)),
            cancellationToken);

        await AfterChangeAsync(change, cancellationToken, ticket => ticket.AskerKey == actor.Key
            ? Task.FromResult(true)
            : NotifyAskerAsync(ticket, cards.Update(ticket,
                "Your question has been reopened",
                $"{actor.Name} from the L&D team reopened your question and will follow it up."),
                cancellationToken));
        return change;
    }

    public async Task<TicketChange?> RateAsync(string ticketId, Actor asker, string rating, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await tickets.ChangeAsync(ticketId, ticket => ticket.IsOpen || ticket.Answer is null
            ? new TicketDecision.Decline("This question is open again, so there is no answer to rate yet.")
            : new TicketDecision.Apply(ticket with { Rating = rating }, TicketHistoryEntity.For(ticketId, "rated", asker, now, rating)),
            cancellationToken);

        await AfterChangeAsync(change, cancellationToken, _ => Task.FromResult(true));
        return change;
    }

    /// <summary>
    /// Flags open tickets past their promised time: their channel card shows it and the channel gets one reminder
    /// per ticket. Also posts tickets that never reached the channel. Returns how many tickets became overdue.
    /// </summary>
    public async Task<int> FlagOverdueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var flagged = 0;
        foreach (var listed in await tickets.ListNotClosedAsync(cancellationToken))
        {
            var ticket = listed.IsOpen && listed.ChannelMessage is null ? await PostToChannelAsync(listed, cancellationToken) : listed;
            if (!ticket.IsOpen || ticket.IsOverdue || ticket.PromisedBy >= now)
            {
                continue;
            }

            var change = await tickets.ChangeAsync(ticket.Id, current => current.IsOpen && !current.ReminderSent && current.PromisedBy < now
                ? new TicketDecision.Apply(current with { IsOverdue = true, ReminderSent = true }, TicketHistoryEntity.For(current.Id, "overdue", System, now))
                : new TicketDecision.Decline("not due a reminder"), cancellationToken);
            if (change is not { Changed: true })
            {
                continue;
            }

            flagged++;
            await RefreshChannelCardAsync(change.Ticket, cancellationToken);
            await SendReminderAsync(change.Ticket, cancellationToken);
        }

        return flagged;
    }

    public Task<IReadOnlyList<TicketHistoryEntity>> HistoryAsync(string ticketId, CancellationToken cancellationToken) =>
        tickets.HistoryAsync(ticketId, cancellationToken);

    private async Task<TicketChange> SaveArticleAsync(TicketChange change, Actor expert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ticket = change.Ticket;
        var article = AnswerArticle.From(ticket, ticket.Answer ?? string.Empty, expert.Name, deadline.Today(now));
        try
        {
            await knowledge.SaveAsync(article, expert.Name, cancellationToken);
            return change;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException || Storage.TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not add the answer to ticket {TicketId} to the knowledge base", ticket.Id);
            var undone = await tickets.ChangeAsync(ticket.Id, current => new TicketDecision.Apply(current with { ArticleId = null }, null), cancellationToken);
            return new TicketChange(undone?.Ticket ?? ticket, true, "The answer was sent, but it could not be added to the knowledge base.");
        }
    }

    private async Task AfterChangeAsync<T>(TicketChange? change, CancellationToken cancellationToken, Func<TicketEntity, Task<T>> notify)
    {
        if (change is not { Changed: true })
        {
            return;
        }

        await RefreshChannelCardAsync(change.Ticket, cancellationToken);
        await notify(change.Ticket);
    }

    /// <summary>Replaces the ticket's card in the channel for everyone; a failure is logged, not shown to the person acting.</summary>
    private async Task RefreshChannelCardAsync(TicketEntity ticket, CancellationToken cancellationToken)
    {
        if (SentMessage.FromJson(ticket.ChannelMessage) is not { } sent)
        {
            return;
        }

        try
        {
            await messenger.UpdateCardAsync(sent, cards.Channel(ticket), cancellationToken);
        }
        catch (Exception exception) when (exception is ConnectorException or InvalidOperationException)
        {
            logger.LogWarning(exception, "Could not update the channel card of ticket {TicketId}", ticket.Id);
        }
    }

    /// <summary>Sends a card to the asker's 1:1 chat; false when they cannot be reached (never talked to the bot 1:1, or removed it).</summary>
    private async Task<bool> NotifyAskerAsync(TicketEntity ticket, System.Text.Json.Nodes.JsonObject card, CancellationToken cancellationToken)
    {
        try
        {
            if (await messenger.SendCardToPersonAsync(ticket.AskerKey, card, cancellationToken) is not null)
            {
                return true;
            }

            logger.LogWarning("Could not reach the asker of ticket {TicketId} in a 1:1 chat", ticket.Id);
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning(exception, "Could not tell the asker of ticket {TicketId} about a change", ticket.Id);
        }

        return false;
    }

    private async Task SendReminderAsync(TicketEntity ticket, CancellationToken cancellationToken)
    {
        var where = SentMessage.FromJson(ticket.ChannelMessage)?.Conversation ?? (await channels.GetAsync(cancellationToken))?.Conversation;
        if (where is null)
        {
            return;
        }

        var state = ticket.Status == TicketStatus.Assigned ? $"is still with {ticket.AssigneeName}" : "is still waiting for someone to pick it up";
        var text = $"Reminder: question {ticket.Reference} from {ticket.AskerName} was promised an answer by {deadline.Describe(ticket.PromisedBy)} and {state}.";
        try
        {
            await messenger.SendAsync(where, new Activity { Type = ActivityTypes.Message, Text = text }, cancellationToken);
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning(exception, "Could not post the overdue reminder for ticket {TicketId}", ticket.Id);
        }
    }
}
