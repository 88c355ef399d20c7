using LearningBot.Cards;

namespace LearningBot.Delivery.Progress;

/// <summary>Data for <c>delivery-progress</c>: the requester's one card for a delivery, running or finished.</summary>
/// <param name="Counts">"Sent to 4,210 of 11,000 · 12 unreachable · 0 failed · about 3 minutes left".</param>
/// <param name="Notice">A line in answer to a button press ("It had already finished."), or empty.</param>
/// <param name="ReportUrl">The signed link to the delivery report, or empty when the bot has no public address or the list of people was removed.</param>
/// <param name="LedgerRemoved">The sentence saying the list of people was removed after the retention period, or empty.</param>
public sealed record DeliveryProgressCardData(
    string DeliveryId,
    string Title,
    string Headline,
    string Notice,
    string Counts,
    bool Running,
    bool Finished,
    IReadOnlyList<DeliverySummaryFact> Summary,
    string ReportUrl,
    string ReportLinkLifetime,
    string LedgerRemoved) : ICardData
{
    public static string CardName => "delivery-progress";
}
