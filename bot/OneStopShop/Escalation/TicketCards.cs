using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>Renders a ticket's cards: the ask form, the asker's confirmation, updates and answer, and the channel card.</summary>
public sealed class TicketCards(CardCatalog cards, AnswerDeadline deadline)
{
    public JsonObject Form(string question, string context, string clientToken) =>
        cards.Render(new EscalateFormCardData(question, context, clientToken, deadline.DescribePromise()));

    public JsonObject Sent(TicketEntity ticket) =>
        cards.Render(new EscalateSentCardData(ticket.Reference, ticket.Question, deadline.Describe(ticket.PromisedBy), ticket.RemovedIdentifiers ?? string.Empty));

    /// <summary>The card in the expert channel. <paramref name="notice"/> is shown at the top (e.g. "Sam Patel has already picked this up.").</summary>
    public JsonObject Channel(TicketEntity ticket, string notice = "") =>
        cards.Render(new TicketChannelCardData(
            TicketId: ticket.Id,
            Reference: ticket.Reference,
            Notice: notice,
            StatusText: StatusText(ticket),
            AskerName: ticket.AskerName,
            AskedAt: deadline.Describe(ticket.CreatedAt),
            PromisedBy: deadline.Describe(ticket.PromisedBy),
            IsOverdue: ticket.IsOverdue && ticket.IsOpen,
            Question: ticket.Question,
            Context: ticket.Context,
            Answer: ticket.IsOpen ? string.Empty : ticket.Answer ?? string.Empty,
            AnsweredBy: ticket.AnsweredByName ?? string.Empty,
            DraftAnswer: ticket.IsOpen ? ticket.Answer ?? string.Empty : string.Empty,
            Feedback: ChannelFeedback(ticket),
            CanAssign: ticket.Status == TicketStatus.Unassigned,
            CanClose: ticket.Status != TicketStatus.Closed,
            CanReopen: !ticket.IsOpen,
            CanAnswer: ticket.IsOpen));

    public JsonObject Answer(TicketEntity ticket, string feedback = "") =>
        cards.Render(new TicketAnswerCardData(
            ticket.Id,
            ticket.Reference,
            ticket.Question,
            ticket.AnsweredByName ?? "the L&D team",
            ticket.Answer ?? string.Empty,
            feedback,
            CanRate: ticket.Rating is null && !ticket.IsOpen,
            CanReopen: !ticket.IsOpen));

    public JsonObject Update(TicketEntity ticket, string headline, string message) =>
        cards.Render(new TicketUpdateCardData(ticket.Id, ticket.Reference, headline, message, ticket.Question, CanReopen: ticket.Status == TicketStatus.Closed));

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
            parts.Add($"The answer is in the knowledge base as \"{article}\".");
        }

        return string.Join(" ", parts);
    }
}
