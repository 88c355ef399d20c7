using System.Text.Json.Nodes;
using LearningBot.Connector.Client;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static LearningBot.Tests.OneStopShop.Escalation.EscalationScenario;

namespace LearningBot.Tests.OneStopShop.Escalation;

/// <summary>
/// "Ask the L&amp;D team" through the real pipeline (endpoint → router → escalation → Azurite tables → connector):
/// the asker in their 1:1 chat, the L&amp;D team in the expert channel.
/// </summary>
public sealed class EscalationFlowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Question = "Is there funding for a Level 3 diploma in adult care for our bank staff?";

    private readonly RecordingKnowledgeWriter _knowledge = new();
    private EscalationScenario _hub = null!;

    public async Task InitializeAsync() => _hub = await EscalationScenario.StartAsync(azurite, _knowledge);

    public async Task DisposeAsync() => await _hub.DisposeAsync();

    [Fact]
    public async Task Escalating_stores_a_ticket_posts_it_to_the_expert_channel_and_tells_the_asker_the_promised_time()
    {
        await _hub.SetExpertChannelAsync();

        var (ticketId, sent) = await _hub.EscalateAsync(Question, "I looked at the apprenticeships page.");

        var reference = Reference(sent);
        Assert.Matches("^LD-[2-9A-Z]{4}-[2-9A-Z]{4}$", reference);
        Assert.Contains("You'll have an answer by **the end of Tuesday 24 November**", CardJson.Texts(sent), StringComparison.Ordinal);
        var ticket = await _hub.Tickets.FindAsync(ticketId, CancellationToken.None);
        Assert.NotNull(ticket);
        Assert.Equal(TicketStatus.Unassigned, ticket.Status);
        Assert.Equal(Question, ticket.Question);
        Assert.Equal("I looked at the apprenticeships page.", ticket.Context);
        Assert.Equal(Asker.AadObjectId, ticket.AskerKey);
        Assert.Equal(DateTimeOffset.Parse("2026-11-24T14:30:00Z"), ticket.PromisedBy);
        Assert.NotNull(ticket.ChannelMessage);
        var post = Assert.Single(_hub.ChannelPosts());
        var card = CardJson.Texts(post.Activity);
        Assert.Contains(reference, card, StringComparison.Ordinal);
        Assert.Contains(Question, card, StringComparison.Ordinal);
        Assert.Contains("Assign to me", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_the_team_button_opens_the_form_prefilled_and_editable()
    {
        var form = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Escalate, new JsonObject { ["question"] = Question }));

        var question = CardJson.ById(form, "question");
        Assert.Equal("Input.Text", question["type"]!.GetValue<string>());
        Assert.Equal(Question, question["value"]!.GetValue<string>());
        Assert.True(question["isRequired"]!.GetValue<bool>());
        Assert.Equal(1000, question["maxLength"]!.GetValue<int>());
        Assert.True(CardJson.HasId(form, "context"));
        Assert.Contains("NHS numbers", CardJson.Texts(form), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_the_team_command_opens_an_empty_form()
    {
        await _hub.Bot.PostActivityAsync(_hub.PersonalMessage(Asker, "ask the L&D team"));

        var reply = Assert.Single(_hub.Connector.Sent);
        Assert.Contains("Your question", CardJson.Texts(reply.Activity), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_double_clicked_submit_creates_one_ticket()
    {
        await _hub.SetExpertChannelAsync();
        await _hub.Bot.PostActivityAsync(_hub.PersonalMessage(Asker, "help"));
        var token = Guid.NewGuid().ToString("N");

        var cards = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Submit, Submit(token, Question)))));

        var references = cards.Select(Reference).Distinct().ToList();
        var ticketId = await _hub.TicketIdAsync(Assert.Single(references));
        Assert.Single(_hub.ChannelPosts());
        var history = await _hub.Tickets.HistoryAsync(ticketId, CancellationToken.None);
        Assert.Equal(["asked"], history.Select(h => h.Action));
    }

    [Fact]
    public async Task Older_clients_submit_fallback_creates_the_ticket_and_replaces_the_form_in_place()
    {
        await _hub.SetExpertChannelAsync();
        await _hub.Bot.PostActivityAsync(_hub.PersonalMessage(Asker, "help"));
        var submit = _hub.PersonalMessage(Asker, string.Empty);
        submit["replyToId"] = "1700000000777";
        submit["value"] = new JsonObject { ["verb"] = EscalationVerbs.Submit, ["clientToken"] = "fallback-token", ["question"] = Question, ["context"] = "" };

        await _hub.Bot.PostActivityAsync(submit);

        var ticket = Assert.Single(await _hub.Tickets.ListNotClosedAsync(CancellationToken.None));
        Assert.Equal(Asker.AadObjectId, ticket.AskerKey);
        var update = Assert.Single(_hub.Connector.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/activities/1700000000777", StringComparison.Ordinal));
        Assert.Contains(ticket.Reference, update.Body, StringComparison.Ordinal);
        Assert.Single(_hub.ChannelPosts());
    }

    [Fact]
    public async Task The_same_form_token_from_someone_else_never_reaches_the_askers_ticket()
    {
        await _hub.SetExpertChannelAsync();
        var mine = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Submit, Submit("shared-token", Question)));

        var theirs = await _hub.InvokeCardAsync(_hub.ChannelAction(Outsider, EscalationVerbs.Submit, Submit("shared-token", "Another question")));

        Assert.NotEqual(Reference(mine), Reference(theirs));
        Assert.DoesNotContain(Question, CardJson.Texts(theirs), StringComparison.Ordinal);
        Assert.Equal(2, _hub.ChannelPosts().Count);
    }

    [Fact]
    public async Task Two_askers_whose_form_tokens_once_made_the_same_ticket_id_each_get_their_own_ticket()
    {
        // With ticket ids made from eight characters of a hash of the asker and the form token, these two submits both
        // made LD-GE9Y-JPM3, and Olly was shown Alex's question as his own.
        await _hub.SetExpertChannelAsync();
        const string OllysQuestion = "Where do I book the manual handling refresher?";

        var alexs = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Submit, Submit("form-a-920938", Question)));
        var ollys = await _hub.InvokeCardAsync(_hub.ChannelAction(Outsider, EscalationVerbs.Submit, Submit("form-b-408558", OllysQuestion)));

        Assert.DoesNotContain(Question, CardJson.Texts(ollys), StringComparison.Ordinal);
        Assert.Contains(OllysQuestion, CardJson.Texts(ollys), StringComparison.Ordinal);
        var alexsTicket = await _hub.Tickets.FindAsync(await _hub.TicketIdAsync(Reference(alexs)), CancellationToken.None);
        var ollysTicket = await _hub.Tickets.FindAsync(await _hub.TicketIdAsync(Reference(ollys)), CancellationToken.None);
        Assert.Equal((Asker.AadObjectId, Question), (alexsTicket!.AskerKey, alexsTicket.Question));
        Assert.Equal((Outsider.AadObjectId, OllysQuestion), (ollysTicket!.AskerKey, ollysTicket.Question));
        Assert.Equal(2, _hub.ChannelPosts().Count);
    }

    [Fact]
    public async Task A_ticket_id_is_128_random_bits_from_the_server_and_people_see_only_its_short_reference()
    {
        await _hub.SetExpertChannelAsync();

        var (ticketId, sent) = await _hub.EscalateAsync(Question);
        var (otherId, _) = await _hub.EscalateAsync(Question);

        Assert.Matches("^[0-9a-f]{32}$", ticketId);
        Assert.NotEqual(ticketId, otherId);
        Assert.Equal(TicketEntity.ReferenceFor(ticketId), Reference(sent));
        // Only the card's refresh carries the id, as button data does: for the bot, never shown.
        var shown = sent.DeepClone().AsObject();
        shown.Remove("refresh");
        Assert.DoesNotContain(ticketId, CardJson.Texts(shown), StringComparison.Ordinal);
        var channelCard = _hub.ChannelCardNow(ticketId);
        Assert.Contains(Reference(sent), channelCard, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(EscalationVerbs.Assign, "../EscalationTickets/x")]
    [InlineData(EscalationVerbs.Close, "LD-GE9Y-JPM3")]
    [InlineData(EscalationVerbs.Answer, "a#b")]
    [InlineData(EscalationVerbs.Reopen, "0123456789abcdef0123456789abcdef")]
    [InlineData(EscalationVerbs.Rate, "question?id=1")]
    public async Task A_button_naming_a_ticket_the_bot_never_made_finds_no_ticket(string verb, string ticketId)
    {
        await _hub.SetExpertChannelAsync();

        var body = await _hub.InvokeAsync(_hub.ChannelAction(Sam, verb, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes.", ["rating"] = "helpful" }));

        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Equal("I can't find that question any more.", body["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Someone_elses_ticket_id_on_a_button_gets_them_nothing_of_the_ticket()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);

        var rate = await _hub.InvokeAsync(_hub.PersonalAction(Outsider, EscalationVerbs.Rate, new JsonObject { ["ticketId"] = ticketId, ["rating"] = "helpful" }));
        var reopen = await _hub.InvokeAsync(_hub.PersonalAction(Outsider, EscalationVerbs.Reopen, new JsonObject { ["ticketId"] = ticketId }));

        Assert.Equal("Only the person who asked can rate this answer.", rate["value"]!.GetValue<string>());
        Assert.Equal(EscalationFeature.NotTeamMember, reopen["value"]!.GetValue<string>());
        Assert.DoesNotContain(Question, rate.ToJsonString() + reopen.ToJsonString(), StringComparison.Ordinal);
        var history = await _hub.Tickets.HistoryAsync(ticketId, CancellationToken.None);
        Assert.Equal(["asked"], history.Select(h => h.Action));
    }

    [Fact]
    public async Task A_submit_without_a_question_shows_the_form_again_with_the_problem_and_stores_nothing()
    {
        await _hub.SetExpertChannelAsync();

        var card = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Submit, Submit("token-1", "   ", "some context")));

        Assert.Contains("Please write your question", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Empty(await _hub.Tickets.ListNotClosedAsync(CancellationToken.None));
        Assert.Empty(_hub.ChannelPosts());
    }

    [Fact]
    public async Task A_question_with_identifiers_comes_back_scrubbed_saying_what_was_removed_and_is_sent_only_when_sent_again()
    {
        await _hub.SetExpertChannelAsync();
        await _hub.Bot.PostActivityAsync(_hub.PersonalMessage(Asker, "help"));
        const string token = "scrub-then-send";

        var form = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Submit,
            Submit(token, "Can I train a carer for patient 943 476 5919?", "Call me on 07700 900123")));

        Assert.Equal("Can I train a carer for patient [NHS number removed]?", InputValue(form, "question"));
        Assert.Equal("Call me on [phone number removed]", InputValue(form, "context"));
        Assert.Contains("Nothing has been sent yet. I removed an NHS number and a phone number from what you wrote", CardJson.Texts(form), StringComparison.Ordinal);
        Assert.Equal(token, ClientToken(form));
        Assert.Empty(await _hub.Tickets.ListNotClosedAsync(CancellationToken.None));
        Assert.Empty(_hub.ChannelPosts());

        var sent = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Submit,
            Submit(token, InputValue(form, "question")!, InputValue(form, "context")!)));

        var ticket = await _hub.Tickets.FindAsync(await _hub.TicketIdAsync(Reference(sent)), CancellationToken.None);
        Assert.Equal("Can I train a carer for patient [NHS number removed]?", ticket!.Question);
        Assert.Equal("Call me on [phone number removed]", ticket.Context);
        Assert.Equal("an NHS number and a phone number", ticket.RemovedIdentifiers);
        Assert.Contains("I removed an NHS number and a phone number", CardJson.Texts(sent), StringComparison.Ordinal);
        var channelCard = CardJson.Texts(_hub.ChannelPosts().Single().Activity);
        Assert.DoesNotContain("5919", channelCard, StringComparison.Ordinal);
        Assert.DoesNotContain("900123", channelCard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_identifier_added_while_checking_brings_the_form_back_again()
    {
        await _hub.SetExpertChannelAsync();
        const string token = "scrub-twice";
        var first = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Submit, Submit(token, "Mrs Smith keeps falling, falls training?")));

        var second = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Submit,
            Submit(token, InputValue(first, "question") + " Her DOB is 12/03/1948.")));

        Assert.Contains("I removed a name from what you wrote", CardJson.Texts(first), StringComparison.Ordinal);
        Assert.Equal("Mrs [name removed] keeps falling, falls training? Her DOB is [date of birth removed].", InputValue(second, "question"));
        Assert.Contains("I removed a date of birth from what you wrote", CardJson.Texts(second), StringComparison.Ordinal);
        Assert.Empty(await _hub.Tickets.ListNotClosedAsync(CancellationToken.None));
        Assert.Empty(_hub.ChannelPosts());
    }

    [Fact]
    public async Task A_question_with_nothing_to_remove_is_sent_on_the_first_press()
    {
        await _hub.SetExpertChannelAsync();

        var sent = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Submit, Submit("clean-token", Question, "Band 5, 2 working days ago")));

        Assert.Null(InputValue(sent, "question"));
        Assert.Matches("^LD-[2-9A-Z]{4}-[2-9A-Z]{4}$", Reference(sent));
        Assert.DoesNotContain("I removed", CardJson.Texts(sent), StringComparison.Ordinal);
        Assert.Single(_hub.ChannelPosts());
    }

    [Fact]
    public async Task An_answer_with_identifiers_comes_back_to_the_expert_scrubbed_before_it_reaches_the_asker()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        var before = _hub.Connector.Sent.Count;

        var card = await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer,
            new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes, ring Jo on 07700 900123 to book." }));

        Assert.Equal("Yes, ring Jo on [phone number removed] to book.", InputValue(card, "answer"));
        Assert.Contains("I removed a phone number from your answer", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Unassigned, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Status);
        Assert.Empty(_hub.AskerCards(before));

        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer,
            new JsonObject { ["ticketId"] = ticketId, ["answer"] = InputValue(card, "answer") }));

        var ticket = await _hub.Tickets.FindAsync(ticketId, CancellationToken.None);
        Assert.Equal(TicketStatus.Answered, ticket!.Status);
        Assert.Equal("Yes, ring Jo on [phone number removed] to book.", ticket.Answer);
        Assert.DoesNotContain("900123", Assert.Single(_hub.AskerCards(before)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Assigning_updates_the_channel_card_in_place_and_tells_the_asker()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        var before = _hub.Connector.Sent.Count;

        var card = await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Assign, new JsonObject { ["ticketId"] = ticketId }));

        Assert.Contains("Assigned to Sam Patel", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Assign to me", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Equal(1, _hub.ChannelCardUpdates());
        Assert.Contains("Assigned to Sam Patel", _hub.ChannelCardNow(ticketId), StringComparison.Ordinal);
        var told = Assert.Single(_hub.AskerCards(before));
        Assert.Contains("Sam Patel from the L&D team is looking at your question", told, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_experts_assigning_at_once_one_wins_and_the_other_sees_who_has_it()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        var data = new JsonObject { ["ticketId"] = ticketId };

        var cards = await Task.WhenAll(
            _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Assign, data.DeepClone().AsObject())),
            _hub.InvokeCardAsync(_hub.ChannelAction(Grace, EscalationVerbs.Assign, data.DeepClone().AsObject())));

        var ticket = await _hub.Tickets.FindAsync(ticketId, CancellationToken.None);
        var winner = ticket!.AssigneeName!;
        Assert.Contains(winner, new[] { Sam.Name, Grace.Name });
        var history = await _hub.Tickets.HistoryAsync(ticketId, CancellationToken.None);
        Assert.Single(history, h => h.Action == "assigned");
        var loserCard = CardJson.Texts(cards[winner == Sam.Name ? 1 : 0]);
        Assert.Contains($"{winner} has already picked this question up.", loserCard, StringComparison.Ordinal);
        Assert.Contains($"Assigned to {winner}", loserCard, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_reaches_the_asker_one_to_one_and_the_channel_card_shows_it()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Assign, new JsonObject { ["ticketId"] = ticketId }));
        var before = _hub.Connector.Sent.Count;
        const string answer = "Yes: the support scheme funds it for staff on 16 hours a week or more, bank staff included.";

        var card = await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer,
            new JsonObject { ["ticketId"] = ticketId, ["answer"] = answer, ["addToKnowledgeBase"] = "false" }));

        Assert.Contains("Answered by Sam Patel", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Contains(answer, _hub.ChannelCardNow(ticketId), StringComparison.Ordinal);
        var delivered = Assert.Single(_hub.AskerCards(before));
        Assert.Contains(answer, delivered, StringComparison.Ordinal);
        Assert.Contains("Yes, it helped", delivered, StringComparison.Ordinal);
        var created = Assert.Single(_hub.Connector.Sent.Skip(before), s => s.ConversationId == _hub.AskerChat);
        Assert.Null(created.ReplyToId);
        Assert.Empty(_knowledge.Saved);
    }

    [Fact]
    public async Task The_expert_is_told_when_the_asker_cannot_be_reached_in_teams()
    {
        await _hub.SetExpertChannelAsync();
        _hub.Connector.RefuseConversation = _ => new FakeFailure(403, TeamsErrorCodes.BotNotInConversationRoster, "The bot is not part of the conversation roster.");
        var sent = await _hub.InvokeCardAsync(_hub.ChannelAction(Outsider, EscalationVerbs.Submit, Submit("from-the-channel", Question)));
        var ticketId = await _hub.TicketIdAsync(Reference(sent));

        var card = await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes." }));

        Assert.Contains("I couldn't reach Olly Reed in Teams, so please send them the answer another way.", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Answered, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task An_empty_answer_is_refused_with_the_problem_marked()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);

        var card = await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "" }));

        Assert.Contains("Please write the answer", CardJson.Texts(card), StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Unassigned, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Ticking_add_to_the_knowledge_base_keeps_a_draft_with_the_question_only_as_a_suggested_phrasing()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        const string answer = "Hi Alex,\n\nYes, the support scheme funds it.\n\nBank staff qualify at 16 hours a week.\n\nKind regards,\nGrace";

        await _hub.InvokeCardAsync(_hub.ChannelAction(Grace, EscalationVerbs.Answer,
            new JsonObject { ["ticketId"] = ticketId, ["answer"] = answer, ["addToKnowledgeBase"] = "true" }));

        var (draft, createdBy) = Assert.Single(_knowledge.Saved);
        Assert.Equal("Grace Lewis", createdBy);
        Assert.StartsWith(AnswerArticle.UntitledPrefix, draft.Title, StringComparison.Ordinal);
        Assert.Equal([Question], draft.Asked);
        Assert.Equal("Yes, the support scheme funds it.", draft.Summary);
        Assert.Equal("Yes, the support scheme funds it.\n\nBank staff qualify at 16 hours a week.", draft.Body);
        Assert.Contains("diploma", draft.Tags);
        var ticket = await _hub.Tickets.FindAsync(ticketId, CancellationToken.None);
        Assert.Equal(draft.Id, ticket!.ArticleId);
        Assert.Contains("kept as a draft article", _hub.ChannelCardNow(ticketId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_and_reopening_tell_the_asker_and_update_the_channel_card()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        var data = new JsonObject { ["ticketId"] = ticketId };
        var before = _hub.Connector.Sent.Count;

        var closed = await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Close, data.DeepClone().AsObject()));
        var reopenedByAsker = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Reopen, data.DeepClone().AsObject()));
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Close, data.DeepClone().AsObject()));
        var reopenedByTeam = await _hub.InvokeCardAsync(_hub.ChannelAction(Grace, EscalationVerbs.Reopen, data.DeepClone().AsObject()));

        Assert.Contains("Status\nClosed", CardJson.Texts(closed), StringComparison.Ordinal);
        Assert.Contains("Your question is open again", CardJson.Texts(reopenedByAsker), StringComparison.Ordinal);
        Assert.Contains("Waiting for someone to pick it up", CardJson.Texts(reopenedByTeam), StringComparison.Ordinal);
        var told = _hub.AskerCards(before);
        Assert.Equal(3, told.Count);
        Assert.Contains("Your question has been closed", told[0], StringComparison.Ordinal);
        Assert.Contains("Your question has been closed", told[1], StringComparison.Ordinal);
        Assert.Contains("Grace Lewis from the L&D team reopened your question", told[2], StringComparison.Ordinal);
        Assert.Equal(4, _hub.ChannelCardUpdates());
        var history = await _hub.Tickets.HistoryAsync(ticketId, CancellationToken.None);
        Assert.Equal(["asked", "closed", "reopened", "closed", "reopened"], history.Select(h => h.Action));
        Assert.Equal([Asker.Name, Sam.Name, Asker.Name, Sam.Name, Grace.Name], history.Select(h => h.ActorName));
    }

    [Fact]
    public async Task I_still_need_help_keeps_the_answer_asks_whats_missing_and_the_channel_card_shows_it()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Assign, new JsonObject { ["ticketId"] = ticketId }));
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes, the support scheme funds it." }));

        var asking = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Reopen, new JsonObject { ["ticketId"] = ticketId }));

        Assert.Contains("Yes, the support scheme funds it.", CardJson.Texts(asking), StringComparison.Ordinal);
        Assert.Contains("What's missing?", CardJson.Texts(asking), StringComparison.Ordinal);
        Assert.Single(CardJson.Actions(asking, EscalationVerbs.StillNeedHelp));
        Assert.Equal(TicketStatus.Answered, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Status);

        var withPhone = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.StillNeedHelp,
            new JsonObject { ["ticketId"] = ticketId, ["whatsMissing"] = "Night staff need a date after 8pm, ring me on 07700 900123" }));

        Assert.Equal("Night staff need a date after 8pm, ring me on [phone number removed]", InputValue(withPhone, "whatsMissing"));
        Assert.Contains("I removed a phone number from what you wrote", CardJson.Texts(withPhone), StringComparison.Ordinal);
        Assert.Equal(TicketStatus.Answered, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Status);

        var sent = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.StillNeedHelp,
            new JsonObject { ["ticketId"] = ticketId, ["whatsMissing"] = "Night staff need a date after 8pm" }));

        Assert.Contains("Yes, the support scheme funds it.", CardJson.Texts(sent), StringComparison.Ordinal);
        Assert.Contains("I've told the L&D team you still need help", CardJson.Texts(sent), StringComparison.Ordinal);
        var ticket = await _hub.Tickets.FindAsync(ticketId, CancellationToken.None);
        Assert.Equal(TicketStatus.Assigned, ticket!.Status);
        Assert.Equal(Sam.Name, ticket.AssigneeName);
        Assert.Contains("The asker still needs help: Night staff need a date after 8pm", _hub.ChannelCardNow(ticketId), StringComparison.Ordinal);
        var history = await _hub.Tickets.HistoryAsync(ticketId, CancellationToken.None);
        Assert.Equal(["asked", "assigned", "answered", "still needs help"], history.Select(h => h.Action));
        Assert.Equal("Night staff need a date after 8pm", history[^1].Detail);

        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "The evening cohort starts at 8.30pm." }));

        Assert.DoesNotContain("still needs help", _hub.ChannelCardNow(ticketId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Still_needing_help_after_rating_takes_the_rating_back_until_the_next_answer_is_rated()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes." }));
        await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Rate, new JsonObject { ["ticketId"] = ticketId, ["rating"] = "helpful" }));

        await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.StillNeedHelp,
            new JsonObject { ["ticketId"] = ticketId, ["whatsMissing"] = "Is the March cohort funded too?" }));

        var channel = _hub.ChannelCardNow(ticketId);
        Assert.Contains("The asker still needs help: Is the March cohort funded too?", channel, StringComparison.Ordinal);
        Assert.DoesNotContain("found the answer helpful", channel, StringComparison.Ordinal);
        Assert.Null((await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Rating);

        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes, March too." }));
        await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Rate, new JsonObject { ["ticketId"] = ticketId, ["rating"] = "not-helpful" }));

        Assert.Contains("Alex Morgan said the answer did not help.", _hub.ChannelCardNow(ticketId), StringComparison.Ordinal);
        var history = await _hub.Tickets.HistoryAsync(ticketId, CancellationToken.None);
        Assert.Equal(["asked", "answered", "rated", "still needs help", "answered", "rated"], history.Select(h => h.Action));
    }

    [Theory]
    [InlineData("too long")]
    [InlineData("a number")]
    [InlineData("a list")]
    public async Task What_is_missing_that_the_card_would_not_take_comes_back_marked_and_the_question_stays_answered(string kind)
    {
        JsonNode whatsMissing = kind switch
        {
            "too long" => JsonValue.Create(new string('z', 1001)),
            "a number" => JsonValue.Create(42),
            _ => new JsonArray("a"),
        };
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes." }));

        var card = await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.StillNeedHelp,
            new JsonObject { ["ticketId"] = ticketId, ["whatsMissing"] = whatsMissing.DeepClone() }));

        Assert.True(CardJson.HasId(card, "whatsMissing-problem"));
        Assert.Equal(TicketStatus.Answered, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task Only_the_asker_can_say_they_still_need_help()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes." }));

        var refused = await _hub.InvokeAsync(_hub.ChannelAction(Sam, EscalationVerbs.StillNeedHelp, new JsonObject { ["ticketId"] = ticketId, ["whatsMissing"] = "x" }));

        Assert.Equal("Only the person who asked can say they still need help.", refused["value"]!.ToString());
        Assert.Equal(TicketStatus.Answered, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task The_asker_rates_the_answer_and_the_team_sees_it()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes." }));

        var answerCard = _hub.Connector.Sent.Last(s => s.ConversationId == _hub.AskerChat && CardJson.Texts(s.Activity).Contains("Yes.", StringComparison.Ordinal));

        var rated = await _hub.InvokeCardAsync(TeamsActivities.ExecuteAction(_hub.Connector.ServiceUrl, EscalationVerbs.Rate,
            new JsonObject { ["ticketId"] = ticketId, ["rating"] = "helpful" }, _hub.AskerChat, answerCard.ActivityId).From(Asker));
        var byOther = await _hub.InvokeAsync(_hub.ChannelAction(Sam, EscalationVerbs.Rate, new JsonObject { ["ticketId"] = ticketId, ["rating"] = "not-helpful" }));

        Assert.Contains("Thanks, I've told the L&D team it helped.", CardJson.Texts(rated), StringComparison.Ordinal);
        var edit = Assert.Single(_hub.Connector.Edits, e => e.ConversationId == _hub.AskerChat);
        Assert.Equal(answerCard.ActivityId, edit.ActivityId);
        Assert.True(JsonNode.DeepEquals(rated, CardJson.Of(edit.Activity)), "The answer card shows the rating on every device, not only where it was pressed.");
        Assert.DoesNotContain("Yes, it helped", CardJson.Texts(rated), StringComparison.Ordinal);
        Assert.Contains("Alex Morgan found the answer helpful.", _hub.ChannelCardNow(ticketId), StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.activity.message", byOther["type"]!.GetValue<string>());
        Assert.Equal(TicketWorkflow.Helpful, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Rating);
    }

    [Theory]
    [InlineData("")]
    [InlineData("very-helpful")]
    [InlineData(null)]
    public async Task A_rating_the_card_does_not_offer_is_refused_and_leaves_the_rating_as_it_was(string? rating)
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Yes." }));
        await _hub.InvokeCardAsync(_hub.PersonalAction(Asker, EscalationVerbs.Rate, new JsonObject { ["ticketId"] = ticketId, ["rating"] = "helpful" }));

        var refused = await _hub.InvokeAsync(_hub.PersonalAction(Asker, EscalationVerbs.Rate, new JsonObject { ["ticketId"] = ticketId, ["rating"] = rating }));

        Assert.Equal(EscalationFeature.UnreadableRating, refused["value"]!.ToString());
        Assert.Equal(TicketWorkflow.Helpful, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Rating);
        Assert.Equal(["asked", "answered", "rated"], (await _hub.Tickets.HistoryAsync(ticketId, CancellationToken.None)).Select(h => h.Action));
    }

    [Fact]
    public async Task In_a_group_chat_the_sent_card_shows_the_asker_their_question_and_the_others_only_who_asked()
    {
        await _hub.Bot.PostActivityAsync(TeamsActivities.GroupChatMention(_hub.Connector.ServiceUrl, "ask the L&D team"));
        var formMessage = Assert.Single(_hub.Connector.Sent, s => s.ConversationId == GroupChat);

        var mine = await _hub.InvokeCardAsync(_hub.GroupAction(Asker, EscalationVerbs.Submit,
            Submit(ClientToken(CardJson.Of(formMessage)), Question), formMessage.ActivityId));

        Assert.Contains(Question, CardJson.Texts(mine), StringComparison.Ordinal);
        var ticketId = await _hub.TicketIdAsync(Reference(mine));
        var edit = Assert.Single(_hub.Connector.Edits);
        Assert.Equal((GroupChat, formMessage.ActivityId), (edit.ConversationId, edit.ActivityId));
        var everyone = CardJson.Of(edit.Activity);
        Assert.Contains("Alex Morgan asked the L&D team about this", CardJson.Texts(everyone), StringComparison.Ordinal);
        Assert.DoesNotContain(Question, CardJson.Texts(everyone), StringComparison.Ordinal);
        Assert.Equal(EscalationVerbs.View, everyone["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Equal(Asker.TeamsId, Assert.Single(everyone["refresh"]!["userIds"]!.AsArray())!.GetValue<string>());

        // Teams refreshes the card for the people its refresh names (the asker), and anyone may refresh it by hand.
        JsonObject View() => new() { ["ticketId"] = ticketId };
        var askersRefresh = await _hub.InvokeCardAsync(_hub.GroupAction(Asker, EscalationVerbs.View, View(), formMessage.ActivityId, "automatic"));
        var othersRefresh = await _hub.InvokeCardAsync(_hub.GroupAction(Sam, EscalationVerbs.View, View(), formMessage.ActivityId, "automatic"));

        Assert.Contains(Question, CardJson.Texts(askersRefresh), StringComparison.Ordinal);
        Assert.Contains("in your chat with me", CardJson.Texts(askersRefresh), StringComparison.Ordinal);
        Assert.DoesNotContain(Question, CardJson.Texts(othersRefresh), StringComparison.Ordinal);
        Assert.Single(_hub.Connector.Edits);
    }

    [Fact]
    public async Task The_askers_sent_card_refreshes_to_where_the_question_stands_now()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Assign, new JsonObject { ["ticketId"] = ticketId }));

        var refreshed = await _hub.InvokeCardAsync(TeamsActivities.ExecuteAction(_hub.Connector.ServiceUrl, EscalationVerbs.View,
            new JsonObject { ["ticketId"] = ticketId }, _hub.AskerChat, trigger: "automatic").From(Asker));

        Assert.Contains("Sam Patel from the L&D team is looking at it", CardJson.Texts(refreshed), StringComparison.Ordinal);
        Assert.Equal([Asker.TeamsId], refreshed["refresh"]!["userIds"]!.AsArray().Select(id => id!.GetValue<string>()));
    }

    [Theory]
    [InlineData(EscalationVerbs.Assign)]
    [InlineData(EscalationVerbs.Close)]
    [InlineData(EscalationVerbs.Answer)]
    [InlineData(EscalationVerbs.Reopen)]
    public async Task Someone_outside_the_team_is_refused_with_a_message_and_nothing_changes(string verb)
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);

        var body = await _hub.InvokeAsync(_hub.ChannelAction(Outsider, verb, new JsonObject { ["ticketId"] = ticketId, ["answer"] = "Guess." }));

        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        Assert.Equal(EscalationFeature.NotTeamMember, body["value"]!.GetValue<string>());
        Assert.Equal(TicketStatus.Unassigned, (await _hub.Tickets.FindAsync(ticketId, CancellationToken.None))!.Status);
        Assert.Equal(0, _hub.ChannelCardUpdates());
    }

    [Fact]
    public async Task Members_of_the_expert_channels_team_may_act()
    {
        await _hub.SetExpertChannelAsync();
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        _hub.Connector.Members.Add(Outsider.Member());

        var card = await _hub.InvokeCardAsync(_hub.ChannelAction(Outsider, EscalationVerbs.Assign, new JsonObject { ["ticketId"] = ticketId }));

        Assert.Contains("Assigned to Olly Reed", CardJson.Texts(card), StringComparison.Ordinal);
        var lookup = Assert.Single(_hub.Connector.Requests, r => r.Method == "GET" && r.Segments.Contains("members"));
        Assert.Equal(["v3", "conversations", Channel, "members", Outsider.TeamsId], lookup.Segments);
    }

    [Fact]
    public async Task Only_the_team_can_set_the_expert_channel_and_only_in_a_channel()
    {
        await _hub.Bot.PostActivityAsync(_hub.ChannelMessage(Outsider, "set expert channel"));
        await _hub.Bot.PostActivityAsync(_hub.PersonalMessage(Sam, "set expert channel", "a:sam"));

        var replies = _hub.Connector.Sent.Select(s => s.Activity.Text).ToList();
        Assert.Equal([EscalationFeature.NotTeamMember, "Please do this in the L&D team's channel: @mention me there and say \"set expert channel\"."], replies);
        Assert.Null(await _hub.Bot.Services.GetRequiredService<ExpertChannelStore>().GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Setting_the_expert_channel_posts_questions_that_were_waiting()
    {
        var (ticketId, _) = await _hub.EscalateAsync(Question);
        Assert.Empty(_hub.ChannelPosts());

        await _hub.Bot.PostActivityAsync(_hub.ChannelMessage(Sam, "use this channel for questions"));

        var channel = await _hub.Bot.Services.GetRequiredService<ExpertChannelStore>().GetAsync(CancellationToken.None);
        Assert.Equal(Channel, channel?.Conversation.Conversation?.Id);
        Assert.Equal(Channel, channel?.TeamId);
        var reply = Assert.Single(_hub.Connector.Sent, s => s.ReplyToId is not null && s.ConversationId.StartsWith(Channel, StringComparison.Ordinal));
        Assert.Contains("I've posted the 1 question that was waiting.", reply.Activity.Text, StringComparison.Ordinal);
        Assert.Contains(ticketId, CardJson.Texts(Assert.Single(_hub.ChannelPosts()).Activity), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_tickets_are_flagged_in_the_channel_with_one_reminder_each()
    {
        await _hub.SetExpertChannelAsync();
        var (lateId, lateSent) = await _hub.EscalateAsync(Question);
        var (answeredId, _) = await _hub.EscalateAsync("Where do I find the Care Certificate workbook?");
        await _hub.InvokeCardAsync(_hub.ChannelAction(Sam, EscalationVerbs.Answer, new JsonObject { ["ticketId"] = answeredId, ["answer"] = "On the hub." }));
        var check = _hub.Bot.Services.GetRequiredService<OverdueTicketCheck>();

        var early = await check.RunOnceAsync(CancellationToken.None);
        _hub.Clock.Advance(TimeSpan.FromDays(4)); // Tuesday 24 November 14:30
        var onTime = await check.RunOnceAsync(CancellationToken.None);
        _hub.Clock.Advance(TimeSpan.FromMinutes(1));
        var late = await check.RunOnceAsync(CancellationToken.None);
        var again = await check.RunOnceAsync(CancellationToken.None);

        Assert.Equal([0, 0, 1, 0], new[] { early, onTime, late, again });
        Assert.Contains("Overdue: the answer was promised by Tuesday 24 November at 14:30.", _hub.ChannelCardNow(lateId), StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", _hub.ChannelCardNow(answeredId), StringComparison.Ordinal);
        var reminder = Assert.Single(_hub.ChannelPosts(), p => p.Activity.Attachments is null);
        Assert.Equal(
            $"Reminder: question {Reference(lateSent)} from Alex Morgan was promised an answer by Tuesday 24 November at 14:30 and is still waiting for someone to pick it up.",
            reminder.Activity.Text);
        var ticket = await _hub.Tickets.FindAsync(lateId, CancellationToken.None);
        Assert.True(ticket!.IsOverdue);
    }
}
