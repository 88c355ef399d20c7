using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Privacy;
using LearningBot.Tests.Cards;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.OneStopShop.Escalation;

public sealed class EscalationCardDataTests
{
    private static readonly CardCatalog Catalog = CardCatalog.Load(CardPaths.Cards);

    [Fact]
    public void The_channel_card_offers_only_what_the_status_allows()
    {
        var cards = new TicketCards(Catalog, new AnswerDeadline(Microsoft.Extensions.Options.Options.Create(new EscalationOptions())));
        var ticket = TicketEntity.Ask("LD-7KQ2-M4XD", Scrub("q"), ScrubbedText.Empty, new Actor("alex", "Alex"), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        IReadOnlyList<string> Verbs(TicketEntity t) => CardJson.Verbs(cards.Channel(t));

        Assert.Equal([EscalationVerbs.Assign, EscalationVerbs.Close, EscalationVerbs.Answer], Verbs(ticket));
        Assert.Equal([EscalationVerbs.Close, EscalationVerbs.Answer], Verbs(ticket with { Status = TicketStatus.Assigned, AssigneeName = "Sam" }));
        Assert.Equal([EscalationVerbs.Close, EscalationVerbs.Reopen], Verbs(ticket.WithAnswer(Scrub("a")) with { Status = TicketStatus.Answered }));
        Assert.Equal([EscalationVerbs.Reopen], Verbs(ticket with { Status = TicketStatus.Closed }));
    }

    [Fact]
    public void The_form_says_what_was_removed_only_when_something_was()
    {
        var cards = new TicketCards(Catalog, new AnswerDeadline(Microsoft.Extensions.Options.Options.Create(new EscalationOptions())));

        var scrubbed = CardJson.Texts(cards.Form("patient [NHS number removed]", string.Empty, "t", "an NHS number"));
        var plain = CardJson.Texts(cards.Form("a question", string.Empty, "t"));

        Assert.Contains("Nothing has been sent yet. I removed an NHS number from what you wrote", scrubbed, StringComparison.Ordinal);
        Assert.Contains("press Send to the L&D team again", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("I removed", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void What_people_typed_shows_as_typed_on_the_channel_answer_update_and_sent_cards()
    {
        const string link = "[Re-verify your NHSmail](https://evil.example)";
        const string shown = @"\[Re\-verify your NHSmail\]\(https://evil.example\)";
        var cards = new TicketCards(Catalog, new AnswerDeadline(Microsoft.Extensions.Options.Options.Create(new EscalationOptions())));
        var asked = TicketEntity.Ask("LD-7KQ2-M4XD", Scrub(link), Scrub("**Urgent**: " + link), new Actor("alex", "Alex"), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
        var answered = asked.WithAnswer(Scrub("Ignore " + link)) with { Status = TicketStatus.Answered, AnsweredByName = "Sam" };

        var channel = Shown(cards.Channel(asked));
        var answeredChannel = Shown(cards.Channel(answered));
        var answer = Shown(cards.Answer(answered));

        Assert.Contains(shown, channel);
        Assert.Contains(@"\*\*Urgent\*\*: " + shown, channel);
        Assert.Contains("Ignore " + shown, answeredChannel);
        Assert.Contains(shown, answer);
        Assert.Contains("Ignore " + shown, answer);
        Assert.Contains(shown, Shown(cards.Update(asked, "Your question has been closed", "Closed.")));
        Assert.Contains(shown, Shown(cards.Sent(asked, forAsker: true, inPersonalChat: true)));
        Assert.All(new[] { channel, answeredChannel, answer }.SelectMany(texts => texts), text => Assert.DoesNotContain(link, text, StringComparison.Ordinal));

        // An input holds the text itself: the expert edits the draft as it was written.
        var reopened = answered with { Status = TicketStatus.Assigned, AssigneeName = "Sam" };
        Assert.Equal("Ignore " + link, EscalationScenario.InputValue(cards.Channel(reopened), "answer"));
        Assert.Equal(link, EscalationScenario.InputValue(cards.Form(link, string.Empty, "t"), "question"));
    }

    [Fact]
    public void The_sent_card_shows_the_asker_their_question_and_everyone_else_only_who_asked()
    {
        var cards = new TicketCards(Catalog, new AnswerDeadline(Microsoft.Extensions.Options.Options.Create(new EscalationOptions())));
        var asked = TicketEntity.Ask(TicketEntity.NewId(), Scrub("Is there funding for the Level 3 diploma?"), ScrubbedText.Empty,
            new Actor("alex", "Alex Morgan", TestPerson.Alex.TeamsId), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        var mine = cards.Sent(asked, forAsker: true, inPersonalChat: false);
        var others = cards.Sent(asked, forAsker: false, inPersonalChat: false);

        Assert.Contains("Is there funding for the Level 3 diploma?", CardJson.Texts(mine), StringComparison.Ordinal);
        Assert.Contains(asked.Reference, CardJson.Texts(mine), StringComparison.Ordinal);
        Assert.Contains("in your chat with me", CardJson.Texts(mine), StringComparison.Ordinal);
        Assert.Contains("Alex Morgan asked the L&D team about this", CardJson.Texts(others), StringComparison.Ordinal);
        Assert.DoesNotContain("Level 3", CardJson.Texts(others), StringComparison.Ordinal);
        Assert.DoesNotContain(asked.Reference, CardJson.Texts(others), StringComparison.Ordinal);
        foreach (var card in new[] { mine, others })
        {
            var refresh = card["refresh"]!;
            Assert.Equal("Action.Execute", refresh["action"]!["type"]!.GetValue<string>());
            Assert.Equal(EscalationVerbs.View, refresh["action"]!["verb"]!.GetValue<string>());
            Assert.Equal(asked.Id, refresh["action"]!["data"]!["ticketId"]!.GetValue<string>());
            Assert.Equal([TestPerson.Alex.TeamsId], refresh["userIds"]!.AsArray().Select(id => id!.GetValue<string>()));
        }
    }

    [Fact]
    public void The_askers_view_of_the_sent_card_says_where_the_question_stands_now()
    {
        var cards = new TicketCards(Catalog, new AnswerDeadline(Microsoft.Extensions.Options.Options.Create(new EscalationOptions())));
        var asked = TicketEntity.Ask(TicketEntity.NewId(), Scrub("q"), ScrubbedText.Empty, new Actor("alex", "Alex", TestPerson.Alex.TeamsId), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        string Status(TicketEntity ticket) => CardJson.Texts(cards.Sent(ticket, forAsker: true, inPersonalChat: true));

        Assert.Contains("I'll message you here when someone picks it up", Status(asked), StringComparison.Ordinal);
        Assert.Contains("Sam Patel from the L&D team is looking at it", Status(asked with { Status = TicketStatus.Assigned, AssigneeName = "Sam Patel" }), StringComparison.Ordinal);
        Assert.Contains("Sam Patel has answered it: the answer is in this chat", Status(asked with { Status = TicketStatus.Answered, AnsweredByName = "Sam Patel" }), StringComparison.Ordinal);
        Assert.Contains("has closed it", Status(asked with { Status = TicketStatus.Closed }), StringComparison.Ordinal);
    }

    [Fact]
    public void An_asker_without_a_teams_id_gets_a_sent_card_without_a_refresh()
    {
        var cards = new TicketCards(Catalog, new AnswerDeadline(Microsoft.Extensions.Options.Options.Create(new EscalationOptions())));
        var asked = TicketEntity.Ask(TicketEntity.NewId(), Scrub("q"), ScrubbedText.Empty, new Actor("alex", "Alex"), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        Assert.False(cards.Sent(asked, forAsker: true, inPersonalChat: true).ContainsKey("refresh"));
    }

    /// <summary>What a card shows: the text of its text blocks and the values of its facts.</summary>
    private static List<string> Shown(JsonObject card) =>
    [
        .. CardJson.Descendants(card).Where(n => n["type"]?.GetValue<string>() == "TextBlock").Select(n => n["text"]!.GetValue<string>()),
        .. CardJson.Descendants(card).Where(n => n["title"] is not null && n["value"] is not null && n["type"] is null).Select(n => n["value"]!.GetValue<string>()),
    ];

    private static ScrubbedText Scrub(string text) => PersonalDataScrubber.Scrub(text, new DateOnly(2026, 11, 20));
}
