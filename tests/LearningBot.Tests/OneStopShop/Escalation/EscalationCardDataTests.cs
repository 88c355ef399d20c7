using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Privacy;
using LearningBot.Tests.Cards;

namespace LearningBot.Tests.OneStopShop.Escalation;

public sealed class EscalationCardDataTests
{
    private static readonly CardCatalog Catalog = CardCatalog.Load(CardPaths.Cards);

    [Fact]
    public void The_channel_card_offers_only_what_the_status_allows()
    {
        var cards = new TicketCards(Catalog, new AnswerDeadline(Microsoft.Extensions.Options.Options.Create(new EscalationOptions())));
        var ticket = TicketEntity.Ask("LD-7KQ2-M4XD", Scrub("q"), ScrubbedText.Empty, new Actor("alex", "Alex"), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

        string[] Verbs(TicketEntity t) =>
            [.. EscalationScenario.Descendants(cards.Channel(t)).Where(n => n["type"]?.GetValue<string>() == "Action.Execute").Select(n => n["verb"]!.GetValue<string>())];

        Assert.Equal([EscalationVerbs.Assign, EscalationVerbs.Close, EscalationVerbs.Answer], Verbs(ticket));
        Assert.Equal([EscalationVerbs.Close, EscalationVerbs.Answer], Verbs(ticket with { Status = TicketStatus.Assigned, AssigneeName = "Sam" }));
        Assert.Equal([EscalationVerbs.Close, EscalationVerbs.Reopen], Verbs(ticket.WithAnswer(Scrub("a")) with { Status = TicketStatus.Answered }));
        Assert.Equal([EscalationVerbs.Reopen], Verbs(ticket with { Status = TicketStatus.Closed }));
    }

    [Fact]
    public void The_form_says_what_was_removed_only_when_something_was()
    {
        var cards = new TicketCards(Catalog, new AnswerDeadline(Microsoft.Extensions.Options.Options.Create(new EscalationOptions())));

        var scrubbed = EscalationScenario.Text(cards.Form("patient [NHS number removed]", string.Empty, "t", "an NHS number"));
        var plain = EscalationScenario.Text(cards.Form("a question", string.Empty, "t"));

        Assert.Contains("Nothing has been sent yet. I removed an NHS number from what you wrote", scrubbed, StringComparison.Ordinal);
        Assert.Contains("press Send to the L&D team again", scrubbed, StringComparison.Ordinal);
        Assert.DoesNotContain("I removed", plain, StringComparison.Ordinal);
    }

    private static ScrubbedText Scrub(string text) => PersonalDataScrubber.Scrub(text, new DateOnly(2026, 11, 20));
}
