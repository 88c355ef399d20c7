using LearningBot.Access;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Privacy;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// "Ask the L&amp;D team": the ask form and its submit (anyone), the expert channel command and the ticket buttons
/// (experts only, see <see cref="Roles.Expert"/>), and the asker's rating and reopen buttons.
/// </summary>
public sealed class EscalationFeature(
    TicketWorkflow workflow,
    TicketCards cards,
    IRoleCheck roles,
    ExpertChannelStore channels,
    TimeProvider clock,
    ILogger<EscalationFeature> logger) : IBotFeature
{
    public const string NotTeamMember =
        "Only members of the L&D team can do that. If you should be one, ask the L&D Support Team to add you.";

    private const string TicketGone = "I can't find that question any more.";

    public const string UnreadableRating = "Sorry, I couldn't read that rating. Please try again.";
    private const int MaxQuestion = 1000;

    public void MapRoutes(BotRoutes routes)
    {
        routes
            .OnCardAction(EscalationVerbs.Escalate, (turn, action) => Task.FromResult(ShowForm(action.GetString("question") ?? string.Empty)))
            .OnCommand(turn => turn.SendCardAsync(cards.Form(string.Empty, string.Empty, NewClientToken())),
                "ask the L&D team", "ask the L&amp;D team", "ask the LD team", "ask the L and D team", "ask L&D", "escalate")
            .OnCardAction(EscalationVerbs.Submit, SubmitAsync)
            .OnCardAction(EscalationVerbs.Cancel, (_, _) => Task.FromResult(CardActionResult.Message("OK, I haven't sent anything to the L&D team.")))
            .OnCardAction(EscalationVerbs.Reopen, ReopenAsync)
            .OnCardAction(EscalationVerbs.Rate, RateAsync)
            .OnCardAction(EscalationVerbs.StillNeedHelp, StillNeedHelpAsync)
            .OnCardAction(EscalationVerbs.View, ViewAsync);

        routes.For(Roles.Expert, NotTeamMember)
            .OnCommand(SetExpertChannelAsync, "set expert channel", "set the expert channel", "use this channel for questions")
            .OnCardAction(EscalationVerbs.Assign, (turn, action) => ActAsExpertAsync(turn, action, workflow.AssignAsync))
            .OnCardAction(EscalationVerbs.Close, (turn, action) => ActAsExpertAsync(turn, action, workflow.CloseAsync))
            .OnCardAction(EscalationVerbs.Answer, AnswerAsync);
    }

    /// <summary>The form, pre-filled with the question (cut to the form's 1000-character limit).</summary>
    private CardActionResult ShowForm(string question)
    {
        var text = question.Trim();
        return CardActionResult.Replace(cards.Form(text.Length > MaxQuestion ? text[..MaxQuestion] : text, string.Empty, NewClientToken()));
    }

    /// <summary>
    /// Sends the question to the L&amp;D team. If the scrubber finds anything to remove, nothing is sent yet: the form
    /// comes back with the scrubbed text and says what was removed, so the person sees exactly what the team will see
    /// and presses Send again (scrubbed text scrubs to itself, so the second press goes through).
    /// </summary>
    private async Task<CardActionResult> SubmitAsync(ITurnContext turn, CardActionRequest action)
    {
        var submitted = action.Submitted();
        var token = action.GetString("clientToken") is { Length: > 0 } t ? t : turn.Activity.Id ?? NewClientToken();
        var form = cards.Form(action.GetString("question") ?? string.Empty, action.GetString("context") ?? string.Empty, token);
        if (CardSubmission.Refusal(form, submitted) is { } refusal)
        {
            return refusal;
        }

        var question = workflow.Scrub(action.GetString("question"));
        var context = workflow.Scrub(action.GetString("context"));
        if (question.WasScrubbed || context.WasScrubbed)
        {
            return CardActionResult.Replace(cards.Form(question.Text, context.Text, token, PersonalDataScrubber.DescribeAll(question.Removed.Concat(context.Removed))));
        }

        var asker = ActorOf(turn);
        var ticketId = await workflow.ClaimTicketIdAsync(asker, token, turn.Aborted);
        var ticket = await workflow.EscalateAsync(ticketId, asker, question, context, turn.Aborted);

        // The form was the asker's alone; what replaces it is the message's for good. In a group chat or channel the
        // others see only who asked, and the asker keeps their own view through the card's refresh.
        var personal = IsPersonalChat(turn);
        var mine = cards.Sent(ticket, forAsker: true, personal);
        return personal ? CardActionResult.Update(mine) : CardActionResult.Update(mine, cards.Sent(ticket, forAsker: false, personal));
    }

    /// <summary>
    /// The sent card's refresh (<see cref="EscalationVerbs.View"/>): for the asker, their own view as the ticket stands
    /// now; for anyone else (a manual refresh), the view everyone else has. Nothing changes.
    /// </summary>
    private async Task<CardActionResult> ViewAsync(ITurnContext turn, CardActionRequest action)
    {
        if (action.GetString("ticketId") is not { } ticketId || !TicketEntity.IsWellFormedId(ticketId)
            || await workflow.FindAsync(ticketId, turn.Aborted) is not { } ticket)
        {
            return CardActionResult.Message(TicketGone);
        }

        return CardActionResult.Replace(cards.Sent(ticket, forAsker: ticket.AskerKey == ActorOf(turn).Key, IsPersonalChat(turn)));
    }

    private async Task SetExpertChannelAsync(ITurnContext turn)
    {
        var activity = turn.Activity;
        var channelData = activity.GetTeamsChannelData();
        if (activity.Conversation?.ConversationType != "channel" && channelData.Channel is null)
        {
            await turn.SendTextAsync("Please do this in the L&D team's channel: @mention me there and say \"set expert channel\".");
            return;
        }

        var reference = turn.ConversationReference;
        var channelId = ChannelRoot(reference.Conversation!.Id!);
        var channelName = await TeamsChannelNames.FindAsync(turn, logger);
        await channels.SetAsync(
            new ExpertChannel(
                reference with { Conversation = reference.Conversation with { Id = channelId } },
                channelData.Team?.Id,
                channelData.Team?.Name,
                channelName,
                ActorOf(turn).Name,
                clock.GetUtcNow()),
            ActorOf(turn),
            turn.Aborted);

        var posted = await workflow.PostWaitingTicketsAsync(turn.Aborted);
        var waiting = posted switch
        {
            0 => string.Empty,
            1 => " I've posted the 1 question that was waiting.",
            _ => $" I've posted the {posted} questions that were waiting.",
        };
        var where = channelName is null ? "this channel" : $"this channel ({channelName})";
        await turn.SendTextAsync($"Done: questions for the L&D team will be posted in {where}.{waiting}");
    }

    private async Task<CardActionResult> ActAsExpertAsync(
        ITurnContext turn, CardActionRequest action, Func<string, Actor, CancellationToken, Task<TicketChange?>> act)
    {
        var (ticket, refusal) = await FindForCallerAsync(turn, action, NotTeamMember);
        if (ticket is null)
        {
            return CardActionResult.Message(refusal);
        }

        var change = await act(ticket.Id, ActorOf(turn), turn.Aborted);
        return ChannelCard(change);
    }

    private async Task<CardActionResult> AnswerAsync(ITurnContext turn, CardActionRequest action)
    {
        var (ticket, refusal) = await FindForCallerAsync(turn, action, NotTeamMember);
        if (ticket is null)
        {
            return CardActionResult.Message(refusal);
        }

        var submitted = action.Submitted();
        var card = cards.Channel(ticket);
        if (CardSubmission.Refusal(card, submitted) is { } problems)
        {
            return problems;
        }

        // As with the question: an answer with identifiers in it comes back scrubbed for the expert to check before it is sent.
        var answer = workflow.ScrubAnswer(action.GetString("answer"));
        if (answer.WasScrubbed && ticket.IsOpen)
        {
            return CardActionResult.Replace(cards.Channel(ticket,
                $"I removed {PersonalDataScrubber.DescribeAll(answer.Removed)} from your answer: the text shows where. Check it, then press Send answer again.",
                draftAnswer: answer.Text));
        }

        var addToKnowledgeBase = string.Equals(action.GetString("addToKnowledgeBase"), "true", StringComparison.OrdinalIgnoreCase);
        var change = await workflow.AnswerAsync(ticket.Id, ActorOf(turn), answer, addToKnowledgeBase, turn.Aborted);
        return ChannelCard(change);
    }

    /// <summary>Reopen comes from the channel (L&amp;D team) or from the asker's own answer or update card.</summary>
    private async Task<CardActionResult> ReopenAsync(ITurnContext turn, CardActionRequest action)
    {
        var (ticket, refusal) = await FindForCallerAsync(turn, action, NotTeamMember);
        if (ticket is null)
        {
            return CardActionResult.Message(refusal);
        }

        var actor = ActorOf(turn);
        var isAsker = ticket.AskerKey == actor.Key;
        if (isAsker && !ticket.IsOpen && ticket.Answer is not null && !IsInExpertChannel(turn, ticket))
        {
            // "I still need help" on the answer: the answer stays, and the card asks what is missing before anything changes.
            return CardActionResult.Replace(cards.AskWhatsMissing(ticket));
        }

        var change = await workflow.ReopenAsync(ticket.Id, actor, turn.Aborted);
        if (!isAsker || IsInExpertChannel(turn, change?.Ticket))
        {
            return ChannelCard(change);
        }

        return change is null
            ? CardActionResult.Message(TicketGone)
            : CardActionResult.Update(cards.Update(change.Ticket,
                change.Changed ? "Your question is open again" : "Your question is already open",
                $"The L&D team will pick it up again. Your reference is {change.Ticket.Reference}."));
    }

    /// <summary>
    /// The asker sends what's missing (optional): the ticket opens again for the L&amp;D team with it, and the asker keeps
    /// the answer card. As with the question, text with identifiers comes back scrubbed to check first.
    /// </summary>
    private async Task<CardActionResult> StillNeedHelpAsync(ITurnContext turn, CardActionRequest action)
    {
        const string OnlyTheAsker = "Only the person who asked can say they still need help.";
        var (ticket, refusal) = await FindAskersTicketAsync(turn, action, OnlyTheAsker);
        if (ticket is null)
        {
            return CardActionResult.Message(refusal);
        }

        if (CardSubmission.Refusal(cards.AskWhatsMissing(ticket), action.Submitted()) is { } problems)
        {
            return problems;
        }

        var whatsMissing = workflow.Scrub(action.GetString("whatsMissing")).Truncate(MaxQuestion);
        if (whatsMissing.WasScrubbed)
        {
            return CardActionResult.Replace(cards.AskWhatsMissing(ticket, whatsMissing.Text,
                $"I removed {PersonalDataScrubber.DescribeAll(whatsMissing.Removed)} from what you wrote: the text shows where. Check it, then press Send again."));
        }

        var change = await workflow.StillNeedsHelpAsync(ticket.Id, ActorOf(turn), whatsMissing, turn.Aborted);
        return change is null
            ? CardActionResult.Message(TicketGone)
            : CardActionResult.Update(cards.Answer(change.Ticket, change.Changed
                ? $"I've told the L&D team you still need help, and they will pick your question up again. Your reference is {change.Ticket.Reference}."
                : change.Notice ?? string.Empty));
    }

    private async Task<CardActionResult> RateAsync(ITurnContext turn, CardActionRequest action)
    {
        const string OnlyTheAsker = "Only the person who asked can rate this answer.";
        var (ticket, refusal) = await FindAskersTicketAsync(turn, action, OnlyTheAsker);
        if (ticket is null)
        {
            return CardActionResult.Message(refusal);
        }

        var rating = action.GetString("rating");
        if (rating is not (TicketWorkflow.Helpful or TicketWorkflow.NotHelpful))
        {
            return CardActionResult.Message(UnreadableRating);
        }

        var change = await workflow.RateAsync(ticket.Id, ActorOf(turn), rating, turn.Aborted);
        if (change is not { Changed: true })
        {
            return CardActionResult.Message(change?.Notice ?? TicketGone);
        }

        var thanks = rating == TicketWorkflow.Helpful
            ? "Thanks, I've told the L&D team it helped."
            : "Thanks for telling us. If you still need help, press \"I still need help\" and the L&D team will pick it up again.";
        return CardActionResult.Update(cards.Answer(change.Ticket, thanks));
    }

    /// <summary>
    /// The ticket a card's <c>ticketId</c> names, when the bot made that id, the ticket exists and the caller may see
    /// it: its asker, or a member of the L&amp;D team (<see cref="Roles.Expert"/>). Otherwise the message to show:
    /// <see cref="TicketGone"/> for an id that names no ticket, <paramref name="refusal"/> for someone else's ticket.
    /// Every button that carries a ticket id goes through here.
    /// </summary>
    /// <summary>The ticket, when the caller is the person who asked it; otherwise why not.</summary>
    private async Task<(TicketEntity? Ticket, string Refusal)> FindAskersTicketAsync(ITurnContext turn, CardActionRequest action, string onlyTheAsker)
    {
        var (ticket, refusal) = await FindForCallerAsync(turn, action, onlyTheAsker);
        return ticket is not null && ticket.AskerKey != ActorOf(turn).Key ? (null, onlyTheAsker) : (ticket, refusal);
    }

    private async Task<(TicketEntity? Ticket, string Refusal)> FindForCallerAsync(ITurnContext turn, CardActionRequest action, string refusal)
    {
        if (action.GetString("ticketId") is not { } ticketId || !TicketEntity.IsWellFormedId(ticketId)
            || await workflow.FindAsync(ticketId, turn.Aborted) is not { } ticket)
        {
            return (null, TicketGone);
        }

        var maySee = ticket.AskerKey == ActorOf(turn).Key || await roles.HoldsAsync(turn.Caller, Roles.Expert, turn.Aborted);
        return maySee ? (ticket, string.Empty) : (null, refusal);
    }

    /// <summary>
    /// The channel card as the change left it, for the expert who pressed: the outbox brings the channel's copy up to date
    /// for everyone (<see cref="TicketChannelCard"/>), in order, so an edit from this turn could only race a newer change there.
    /// </summary>
    private CardActionResult ChannelCard(TicketChange? change) =>
        change is null
            ? CardActionResult.Message(TicketGone)
            : CardActionResult.Replace(cards.Channel(change.Ticket, change.Notice ?? string.Empty));

    private static bool IsInExpertChannel(ITurnContext turn, TicketEntity? ticket) =>
        SentMessage.FromJson(ticket?.ChannelMessage)?.Conversation.Conversation?.Id is { } channelId
        && ChannelRoot(turn.Activity.Conversation?.Id ?? string.Empty) == channelId;

    private static bool IsPersonalChat(ITurnContext turn) =>
        turn.Activity.Conversation?.ConversationType is null or "personal" && turn.Activity.Conversation?.IsGroup != true;

    private static Actor ActorOf(ITurnContext turn) =>
        new(turn.Caller.PersonKey ?? "unknown", turn.Caller.DisplayName, turn.Caller.TeamsId);

    private static string NewClientToken() => Guid.NewGuid().ToString("N");

    private static string ChannelRoot(string conversationId)
    {
        var thread = conversationId.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        return thread < 0 ? conversationId : conversationId[..thread];
    }
}
