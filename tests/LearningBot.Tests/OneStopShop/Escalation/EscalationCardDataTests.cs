using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.OneStopShop.Escalation;
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
        var ticket = new TicketEntity { PartitionKey = "LD-7KQ2-M4XD", Question = "q", AskerName = "Alex", CreatedAt = DateTimeOffset.UnixEpoch, PromisedBy = DateTimeOffset.UnixEpoch };

        IReadOnlyList<string> Verbs(TicketEntity t) => CardJson.Verbs(cards.Channel(t));

        Assert.Equal([EscalationVerbs.Assign, EscalationVerbs.Close, EscalationVerbs.Answer], Verbs(ticket));
        Assert.Equal([EscalationVerbs.Close, EscalationVerbs.Answer], Verbs(ticket with { Status = TicketStatus.Assigned, AssigneeName = "Sam" }));
        Assert.Equal([EscalationVerbs.Close, EscalationVerbs.Reopen], Verbs(ticket with { Status = TicketStatus.Answered, Answer = "a" }));
        Assert.Equal([EscalationVerbs.Reopen], Verbs(ticket with { Status = TicketStatus.Closed }));
    }
}
