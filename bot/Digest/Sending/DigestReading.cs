using System.Globalization;
using System.Text;
using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.FeedbackSignals;
using LearningBot.People;
using LearningBot.Privacy;

namespace LearningBot.Digest.Sending;

/// <summary>
/// What readers do with the card they were sent: open the full edition (counted for reach, by the organisation kind of the
/// reader only), stop the digest or start it again; and the editors' reach report.
/// </summary>
public sealed partial class DigestReading(
    DigestEditionStore store,
    DigestCards digestCards,
    DigestSendingCards cards,
    DigestSubscriptions subscriptions,
    DigestReach reach,
    IPeopleDirectory people,
    IDeliveries deliveries,
    ILogger<DigestReading> logger)
{
    public const string NotSent = "That edition hasn't gone out yet, so it can't be read here. Type \"digest\" for the latest edition.";

    public const string ReachUsage = "Type **digest reach** and the edition's number, for example **digest reach 7**.";

    /// <summary>"Read the full digest": anyone may open a sent edition, and only a sent one.</summary>
    public async Task<CardActionResult> ReadAsync(ITurnContext turn, CardActionRequest action)
    {
        if (await store.FindAsync(action.GetInt("number") ?? 0, turn.Aborted) is not { Status: DigestStatus.Sent } edition)
        {
            return CardActionResult.Message(NotSent);
        }

        try
        {
            var kind = turn.Caller.PersonKey is { } key ? (await people.GetPersonAsync(key, turn.Aborted))?.OrganisationKind : null;
            await reach.CountOpenAsync(edition.Number, kind, turn.Aborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Reading matters more than counting the read.
            LogNotCounted(exception, edition.Number);
        }

        return CardActionResult.Replace(digestCards.Reader(edition, isPreview: false));
    }

    public async Task<System.Text.Json.Nodes.JsonObject> SetAsync(ITurnContext turn, bool unsubscribe)
    {
        var key = turn.Caller.PersonKey ?? throw new InvalidOperationException("A subscription needs a person key.");
        await (unsubscribe ? subscriptions.UnsubscribeAsync(key, turn.Aborted) : subscriptions.SubscribeAsync(key, turn.Aborted));
        return cards.Subscription(unsubscribe);
    }

    /// <summary>The reach report: sent, delivered and opened by organisation kind, every count below 5 shown as "fewer than 5", for everyone.</summary>
    public async Task<string> ReachAsync(string argument, CancellationToken cancellationToken)
    {
        if (!int.TryParse(argument.Trim().TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return ReachUsage;
        }

        if (await store.FindAsync(number, cancellationToken) is not { } edition)
        {
            return $"There is no edition {number}.";
        }

        if (edition.Status != DigestStatus.Sent || edition.DeliveryId.Length == 0)
        {
            return $"{edition.Title} hasn't gone out yet, so there is nothing to report.";
        }

        var progress = await deliveries.GetProgressAsync(edition.DeliveryId, cancellationToken);
        var opens = await reach.OpensAsync(number, cancellationToken);
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"**Reach of {edition.Title}** (counts below {SmallNumbers.Threshold} are shown as \"fewer than {SmallNumbers.Threshold}\")\n\n")
            .Append(CultureInfo.InvariantCulture, $"- Sent to: {SmallNumbers.Number(progress?.Total ?? 0)} (people and channels)\n")
            .Append(CultureInfo.InvariantCulture, $"- Delivered: {Delivered(progress)}\n")
            .Append("- Opened the full digest (times opened, not people; nobody's reading is recorded), by kind of organisation:\n");
        foreach (var kind in SignalChoices.OrganisationKinds)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {kind.Title}: {SmallNumbers.Number(opens.GetValueOrDefault(kind.Value))}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"  - Not in the people directory: {SmallNumbers.Number(opens.GetValueOrDefault(DigestReach.UnknownKind))}\n");
        return text.ToString();
    }

    /// <summary>Delivered beside sent, so what was not delivered can't be worked out when it is below 5 ("more than 10,995 of 11,000").</summary>
    private static string Delivered(DeliveryProgress? progress) =>
        progress is null ? SmallNumbers.Number(0)
            : SmallNumbers.Share(progress.Sent, progress.Total, "people and channels") ?? SmallNumbers.Number(progress.Sent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An open of digest edition {Number} could not be counted")]
    private partial void LogNotCounted(Exception exception, int number);
}
