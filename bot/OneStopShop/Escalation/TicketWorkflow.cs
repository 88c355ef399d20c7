using Azure;
using Azure.Data.Tables;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Privacy;
using LearningBot.Outbox;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// The life of an escalated question: created from the ask form, posted to the expert channel, assigned,
/// answered (delivered 1:1 to the asker), closed, reopened and rated. Every status change is written with
/// the ticket's ETag, a history line and what it owes people (the channel card brought up to date, the asker told) as
/// outbox rows, all in one transaction; the outbox then delivers them, retrying until they arrive, so a change is never
/// saved without its message going out. A turn waits briefly for the delivery (<c>Outbox:WaitInTurn</c>).
/// </summary>
public sealed class TicketWorkflow(
    TicketStore tickets,
    ExpertChannelStore channels,
    OutboxDispatcher outbox,
    TicketCards cards,
    AnswerDeadline deadline,
    IKnowledgeArticleWriter knowledge,
    WorkContacts workContacts,
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

    /// <summary>
    /// An expert's answer scrubbed as <see cref="Scrub"/> does, except that work contacts stay: "email
    /// ld.support@example.org" is what the asker needs, and it is nobody's personal data.
    /// </summary>
    public ScrubbedText ScrubAnswer(string? text) => PersonalDataScrubber.Scrub(text, deadline.Today(clock.GetUtcNow()), workContacts);

    /// <summary>Creates the ticket (once per id) from the scrubbed question and context, and posts it to the expert channel.</summary>
    public async Task<TicketEntity> EscalateAsync(string ticketId, Actor asker, ScrubbedText question, ScrubbedText context, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var ticket = TicketEntity.Ask(ticketId, question, context, asker, now, deadline.PromiseFor(now));

        var (stored, created) = await tickets.CreateAsync(
            ticket, TicketHistoryEntity.For(ticketId, "asked", asker, now), [TicketChannelCard.Message()], cancellationToken);
        if (created)
        {
            logger.LogInformation("Ticket {TicketId} created, answer promised by {PromisedBy:O}", ticketId, stored.PromisedBy);
        }

        // A repeated submit finds the ticket; kicking again delivers anything the first submit left pending.
        await DeliverAsync(ticketId, cancellationToken);
        return stored;
    }

    /// <summary>
    /// Gets the ticket's card to the expert channel, unless it is already there: delivers the card the ticket owes (it
    /// waits while no channel is set), or owes one now if none is pending. Returns the ticket as it then is.
    /// </summary>
    public async Task<TicketEntity> PostToChannelAsync(TicketEntity ticket, CancellationToken cancellationToken)
    {
        if (ticket.ChannelMessage is not null)
        {
            return ticket;
        }

        var reports = await outbox.DeliverSoonAsync(TicketStore.TableName, ticket.Id, cancellationToken, force: true);
        if (!reports.Any(report => report.Kind == TicketChannelCard.KindName))
        {
            var owed = await tickets.ChangeAsync(ticket.Id, current => current.ChannelMessage is null
                ? new TicketDecision.Apply(current, null)
                : new TicketDecision.Decline("already posted"), _ => [TicketChannelCard.Message()], cancellationToken);
            if (owed is { Changed: true })
            {
                await DeliverAsync(ticket.Id, cancellationToken);
            }
        }

        return await tickets.FindAsync(ticket.Id, cancellationToken) ?? ticket;
    }

    /// <summary>Posts every open ticket that is not in the channel yet (after the channel is first set). Returns how many.</summary>
    public async Task<int> PostWaitingTicketsAsync(CancellationToken cancellationToken)
    {
        var waiting = (await tickets.ListNotClosedAsync(cancellationToken)).Where(ticket => ticket.IsOpen && ticket.ChannelMessage is null);
        var posted = await Task.WhenAll(waiting.Select(ticket => PostToChannelAsync(ticket, cancellationToken)));
        return posted.Count(ticket => ticket.ChannelMessage is not null);
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
        }, ticket => [TicketChannelCard.Message(), ToAsker(ticket, cards.Update(ticket,
            "Your question has been picked up",
            $"{expert.Name} from the L&D team is looking at your question. You'll have an answer by {deadline.DescribeDay(ticket.PromisedBy)}."))],
            cancellationToken);

        await AfterChangeAsync(change, cancellationToken);
        return change;
    }

    /// <summary>Records the answer, sends it to the asker 1:1 and, when asked, keeps it as a draft article for the L&amp;D Support Team.</summary>
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
                : "This question is closed; reopen it to answer."),
            ticket => [TicketChannelCard.Message(), ToAsker(ticket, cards.Answer(ticket))], cancellationToken);

        var unreachable = false;
        if (change is { Changed: true })
        {
            var askerRow = TicketStore.NotificationRowKey(change.Ticket.Version, AskerNotification);
            var reports = await outbox.DeliverSoonAsync(TicketStore.TableName, ticketId, cancellationToken);
            unreachable = reports.Any(report => report.RowKey == askerRow && report.Outcome == OutboxOutcome.Unreachable);
        }

        if (change is { Changed: true } && addToKnowledgeBase)
        {
            change = await SaveArticleAsync(change, expert, now, cancellationToken);
        }

        return !unreachable || change is null
            ? change
            : change with { Notice = $"I couldn't reach {change.Ticket.AskerName} in Teams, so please send them the answer another way." };
    }

    public async Task<TicketChange?> CloseAsync(string ticketId, Actor expert, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await tickets.ChangeAsync(ticketId, ticket => ticket.Status == TicketStatus.Closed
            ? new TicketDecision.Decline("This question is already closed.")
            : new TicketDecision.Apply(ticket with { Status = TicketStatus.Closed, ClosedAt = now }, TicketHistoryEntity.For(ticketId, "closed", expert, now)),
            ticket => [TicketChannelCard.Message(), ToAsker(ticket, cards.Update(ticket,
                "Your question has been closed",
                $"{expert.Name} from the L&D team closed your question. If you still need help, reopen it and the team will pick it up again."))],
            cancellationToken);

        await AfterChangeAsync(change, cancellationToken);
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
            ticket => ticket.AskerKey == actor.Key
                ? [TicketChannelCard.Message()]
                : [TicketChannelCard.Message(), ToAsker(ticket, cards.Update(ticket,
                    "Your question has been reopened",
                    $"{actor.Name} from the L&D team reopened your question and will follow it up."))],
            cancellationToken);

        await AfterChangeAsync(change, cancellationToken);
        return change;
    }

    /// <summary>
    /// The asker's "I still need help": the answered or closed ticket opens again (back to whoever answered it, or to the
    /// queue) with what is missing, for the channel card to show; the answer and the history stay. A rating goes, as on
    /// reopening: the answer it was about no longer settles the question, and the next answer can be rated afresh.
    /// </summary>
    public async Task<TicketChange?> StillNeedsHelpAsync(string ticketId, Actor asker, ScrubbedText whatsMissing, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await tickets.ChangeAsync(ticketId, ticket => ticket.IsOpen
            ? new TicketDecision.Decline("Your question is already open: the L&D team will pick it up.")
            : new TicketDecision.Apply(
                ticket.WithStillNeedsHelp(whatsMissing) with
                {
                    Status = ticket.AssigneeKey is null ? TicketStatus.Unassigned : TicketStatus.Assigned, ClosedAt = null, Rating = null,
                },
                TicketHistoryEntity.For(ticketId, "still needs help", asker, now, whatsMissing.IsEmpty ? null : whatsMissing.Text)),
            _ => [TicketChannelCard.Message()], cancellationToken);

        await AfterChangeAsync(change, cancellationToken);
        return change;
    }

    public async Task<TicketChange?> RateAsync(string ticketId, Actor asker, string rating, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var change = await tickets.ChangeAsync(ticketId, ticket => ticket.IsOpen || ticket.Answer is null
            ? new TicketDecision.Decline("This question is open again, so there is no answer to rate yet.")
            : new TicketDecision.Apply(ticket with { Rating = rating }, TicketHistoryEntity.For(ticketId, "rated", asker, now, rating)),
            _ => [TicketChannelCard.Message()], cancellationToken);

        await AfterChangeAsync(change, cancellationToken);
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

            var where = SentMessage.FromJson(ticket.ChannelMessage)?.Conversation ?? (await channels.GetAsync(cancellationToken))?.Conversation;
            var change = await tickets.ChangeAsync(ticket.Id, current => current.IsOpen && !current.ReminderSent && current.PromisedBy < now
                ? new TicketDecision.Apply(current with { IsOverdue = true, ReminderSent = true }, TicketHistoryEntity.For(current.Id, "overdue", System, now))
                : new TicketDecision.Decline("not due a reminder"),
                current => where is null ? [TicketChannelCard.Message()] : [TicketChannelCard.Message(), Reminder(current, where)],
                cancellationToken);
            if (change is not { Changed: true })
            {
                continue;
            }

            flagged++;
            await DeliverAsync(change.Ticket.Id, cancellationToken);
        }

        return flagged;
    }

    public Task<IReadOnlyList<TicketHistoryEntity>> HistoryAsync(string ticketId, CancellationToken cancellationToken) =>
        tickets.HistoryAsync(ticketId, cancellationToken);

    private async Task<TicketChange> SaveArticleAsync(TicketChange change, Actor expert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ticket = change.Ticket;
        var article = AnswerArticle.Draft(ticket, ticket.Answer ?? string.Empty, expert.Name, deadline.Today(now));
        try
        {
            await knowledge.SaveDraftAsync(article, expert.Name, cancellationToken);
            return change;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException || Storage.TableErrors.IsStorageFailure(exception))
        {
            logger.LogWarning(exception, "Could not add the answer to ticket {TicketId} to the knowledge base", ticket.Id);
            var undone = await tickets.ChangeAsync(
                ticket.Id, current => new TicketDecision.Apply(current with { ArticleId = null }, null), _ => [TicketChannelCard.Message()], cancellationToken);
            await DeliverAsync(ticket.Id, cancellationToken);
            return new TicketChange(undone?.Ticket ?? ticket, true, "The answer was sent, but it could not be kept as a draft for the knowledge base.");
        }
    }

    /// <summary>After a change that owes messages, has the outbox deliver them now (they are already safe in storage).</summary>
    private async Task AfterChangeAsync(TicketChange? change, CancellationToken cancellationToken)
    {
        if (change is { Changed: true })
        {
            await DeliverAsync(change.Ticket.Id, cancellationToken);
        }
    }

    private Task DeliverAsync(string ticketId, CancellationToken cancellationToken) =>
        outbox.DeliverSoonAsync(TicketStore.TableName, ticketId, cancellationToken);

    private const string AskerNotification = "asker";

    /// <summary>A card for the asker's 1:1 chat; the outbox finds them unreachable if they never talked to the bot 1:1, or removed it.</summary>
    private static OutboxMessage ToAsker(TicketEntity ticket, System.Text.Json.Nodes.JsonObject card) =>
        OutboxMessage.CardToPerson(AskerNotification, ticket.AskerKey, card);

    /// <summary>The overdue reminder, posted in the expert channel.</summary>
    private OutboxMessage Reminder(TicketEntity ticket, ConversationReference where)
    {
        var state = ticket.Status == TicketStatus.Assigned ? $"is still with {ticket.AssigneeName}" : "is still waiting for someone to pick it up";
        var text = $"Reminder: question {ticket.Reference} from {ticket.AskerName} was promised an answer by {deadline.Describe(ticket.PromisedBy)} and {state}.";
        return OutboxMessage.TextToConversation("reminder", where, text);
    }
}
