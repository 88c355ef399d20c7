using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.Connector;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Tests.Cards;

namespace LearningBot.Tests.OneStopShop.Escalation;

public sealed class EscalationCardDataTests
{
    private static readonly CardCatalog Catalog = CardCatalog.Load(CardPaths.Cards);

    public static TheoryData<Type> CardDataTypes => new()
    {
        typeof(EscalateFormCardData), typeof(EscalateSentCardData), typeof(TicketChannelCardData), typeof(TicketAnswerCardData), typeof(TicketUpdateCardData),
    };

    [Theory]
    [MemberData(nameof(CardDataTypes))]
    public void Each_typed_model_names_its_card_and_reads_its_sample_data(Type dataType)
    {
        var cardName = (string)dataType.GetProperty(nameof(ICardData.CardName))!.GetValue(null)!;
        var sample = File.ReadAllText(Path.Combine(CardPaths.Cards, cardName + ".data.json"));

        var typed = JsonSerializer.Deserialize(sample, dataType, BotJson.Options);
        var roundTrip = JsonSerializer.SerializeToNode(typed, dataType, BotJson.Options);

        Assert.Contains(cardName, Catalog.Names);
        Assert.Null(JsonSemantics.FirstDifference(JsonNode.Parse(sample), roundTrip));
    }

    [Fact]
    public void The_channel_card_offers_only_what_the_status_allows()
    {
        var cards = new TicketCards(Catalog, new AnswerDeadline(Microsoft.Extensions.Options.Options.Create(new EscalationOptions())));
        var ticket = new TicketEntity { PartitionKey = "LD-7KQ2-M4XD", Question = "q", AskerName = "Alex", CreatedAt = DateTimeOffset.UnixEpoch, PromisedBy = DateTimeOffset.UnixEpoch };

        string[] Verbs(TicketEntity t) =>
            [.. EscalationScenario.Descendants(cards.Channel(t)).Where(n => n["type"]?.GetValue<string>() == "Action.Execute").Select(n => n["verb"]!.GetValue<string>())];

        Assert.Equal([EscalationVerbs.Assign, EscalationVerbs.Close, EscalationVerbs.Answer], Verbs(ticket));
        Assert.Equal([EscalationVerbs.Close, EscalationVerbs.Answer], Verbs(ticket with { Status = TicketStatus.Assigned, AssigneeName = "Sam" }));
        Assert.Equal([EscalationVerbs.Close, EscalationVerbs.Reopen], Verbs(ticket with { Status = TicketStatus.Answered, Answer = "a" }));
        Assert.Equal([EscalationVerbs.Reopen], Verbs(ticket with { Status = TicketStatus.Closed }));
    }
}
