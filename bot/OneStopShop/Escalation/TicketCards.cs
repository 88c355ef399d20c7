using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// Renders a ticket's cards: the ask form, the asker's confirmation, updates and answer, and the channel card. What
/// people typed (question, context, answer) is shown through <see cref="CardText.Literal"/>, so Markdown in it shows
/// as typed; input values (the form, the answer draft) hold the text itself.
/// </summary>
public sealed class TicketCards(CardCatalog cards, AnswerDeadline deadline)
{
    /// <summary>The ask form. <paramref name="removed"/> ("an NHS number") says what the scrubber took out of the text it holds.</summary>
    public JsonObject Form(string question, string context, string clientToken, string removed = "") =>
        cards.Render(new EscalateFormCardData(question, context, clientToken, deadline.DescribePromise(), removed));

    /// <summary>
    /// The card that replaces the ask form once the question is sent, which differs per person (Teams' "user-specific
    /// views"): <paramref name="forAsker"/>, the question, its reference and where it stands now; otherwise, for the
    /// others in a group chat or channel, only that the asker asked the L&amp;D team. Every copy carries a refresh naming
    /// the asker (<see cref="EscalationVerbs.View"/>), so their own view follows them to every device and is current
    /// whenever they look. <paramref name="inPersonalChat"/>: the card is in the asker's chat with the bot.
    /// </summary>
    public JsonObject Sent(TicketEntity ticket, bool forAsker, bool inPersonalChat)
    {
        var data = forAsker
            ? new EscalateSentCardData(true, $"Your question is with the L and D team. Your reference is {ticket.Reference}.",
                ticket.AskerName, ticket.Reference, CardText.Echo(ticket.Question), AskerStatus(ticket, inPersonalChat), ticket.RemovedIdentifiers ?? string.Empty)
            : new EscalateSentCardData(false, $"{ticket.AskerName} asked the L and D team about this.",
                ticket.AskerName, string.Empty, string.Empty, string.Empty, string.Empty);
        return cards.Render(data).WithRefresh(EscalationVerbs.View, new JsonObject { ["ticketId"] = ticket.Id }, [ticket.AskerTeamsId]);
    }

    /// <summary>Where the question stands, as the asker's own view of the sent card says it.</summary>
    private string AskerStatus(TicketEntity ticket, bool inPersonalChat)
    {
        var chat = inPersonalChat ? "here" : "in your chat with me";
        return ticket.Status switch
        {
            TicketStatus.Unassigned => $"You'll have an answer by **{deadline.DescribeDay(ticket.PromisedBy)}**. I'll message you {chat} when someone picks it up and when it's answered.",
            TicketStatus.Assigned => $"{ticket.AssigneeName} from the L&D team is looking at it. You'll have an answer by **{deadline.DescribeDay(ticket.PromisedBy)}**.",
            TicketStatus.Answered => $"{ticket.AnsweredByName ?? "The L&D team"} has answered it: the answer is {(inPersonalChat ? "in this chat" : "in your chat with me")}.",
            _ => $"The L&D team has closed it. If you still need help, reopen it from my message about it {(inPersonalChat ? "in this chat" : "in your chat with me")}.",
        };
    }

    /// <summary>The card in the expert channel. <paramref name="notice"/> is shown at the top (e.g. "Sam Patel has already picked this up.").</summary>
    /// <param name="draftAnswer">What the answer box holds, when it is not the ticket's own draft (a scrubbed answer to check).</param>
    public JsonObject Channel(TicketEntity ticket, string notice = "", string? draftAnswer = null) =>
        cards.Render(new TicketChannelCardData(
            TicketId: ticket.Id,
            Reference: ticket.Reference,
            Notice: notice,
            StatusText: StatusText(ticket),
            AskerName: ticket.AskerName,
            AskedAt: deadline.Describe(ticket.CreatedAt),
            PromisedBy: deadline.Describe(ticket.PromisedBy),
            IsOverdue: ticket.IsOverdue && ticket.IsOpen,
            Question: CardText.Literal(ticket.Question),
            Context: CardText.Literal(ticket.Context),
            Answer: ticket.IsOpen ? string.Empty : CardText.Literal(ticket.Answer),
            AnsweredBy: ticket.AnsweredByName ?? string.Empty,
            DraftAnswer: draftAnswer ?? (ticket.IsOpen ? ticket.Answer ?? string.Empty : string.Empty),
            Feedback: ChannelFeedback(ticket),
            CanAssign: ticket.Status == TicketStatus.Unassigned,
            CanClose: ticket.Status != TicketStatus.Closed,
            CanReopen: !ticket.IsOpen,
            CanAnswer: ticket.IsOpen)
        {
            StillNeedsHelp = ticket.IsOpen && ticket.StillNeedsHelp is { } missing
                ? missing.Length > 0 ? $"The asker still needs help: {CardText.Literal(missing)}" : "The asker still needs help (they didn't say what's missing)."
                : string.Empty,
        });

    public JsonObject Answer(TicketEntity ticket, string feedback = "") =>
        cards.Render(AnswerData(ticket, feedback));

    /// <summary>
    /// The answer card after "I still need help": the answer stays, with a box for what is missing.
    /// <paramref name="whatsMissing"/> is what the box holds (scrubbed text to check); <paramref name="feedback"/> says why it came back.
    /// </summary>
    public JsonObject AskWhatsMissing(TicketEntity ticket, string whatsMissing = "", string feedback = "") =>
        cards.Render(AnswerData(ticket, feedback) with { CanReopen = false, AskWhatsMissing = true, WhatsMissing = whatsMissing });

    private static TicketAnswerCardData AnswerData(TicketEntity ticket, string feedback) => new(
        ticket.Id,
        ticket.Reference,
        CardText.Echo(ticket.Question),
        ticket.AnsweredByName ?? "the L&D team",
        CardText.Literal(ticket.Answer),
        feedback,
        CanRate: ticket.Rating is null && !ticket.IsOpen,
        CanReopen: !ticket.IsOpen);

    public JsonObject Update(TicketEntity ticket, string headline, string message) =>
        cards.Render(new TicketUpdateCardData(ticket.Id, ticket.Reference, headline, message, CardText.Echo(ticket.Question), CanReopen: ticket.Status == TicketStatus.Closed));

    public static string StatusText(TicketEntity ticket) => ticket.Status switch
    {
        TicketStatus.Unassigned => "Waiting for someone to pick it up",
        TicketStatus.Assigned => $"Assigned to {ticket.AssigneeName}",
        TicketStatus.Answered => $"Answered by {ticket.AnsweredByName}",
        _ => "Closed",
    };

    private static string ChannelFeedback(TicketEntity ticket)
    {
        var parts = new List<string>();
        if (ticket.Rating == TicketWorkflow.Helpful)
        {
            parts.Add($"{ticket.AskerName} found the answer helpful.");
        }
        else if (ticket.Rating == TicketWorkflow.NotHelpful)
        {
            parts.Add($"{ticket.AskerName} said the answer did not help.");
        }

        if (ticket.ArticleId is { Length: > 0 } article)
        {
            parts.Add($"The answer is kept as a draft article ({article}): the L&D Support Team edits and publishes it (type **knowledge drafts**).");
        }

        return string.Join(" ", parts);
    }
}
