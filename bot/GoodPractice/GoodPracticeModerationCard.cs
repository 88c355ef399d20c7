using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Escalation;
using LearningBot.Outbox;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.GoodPractice;

/// <summary>
/// Delivers an example's moderation card from the outbox, as feedback signals' cards are delivered: the first delivery
/// posts it in the L&amp;D channel (the expert channel; waiting while none is set) and records where on the example; later
/// ones bring it up to date in place for everyone. When its review date comes the card is posted again, as a new post
/// the editors will see, and that post is the one kept up to date from then on.
/// </summary>
public sealed class GoodPracticeModerationCard(
    GoodPracticeStore examples,
    ExpertChannelStore channels,
    ProactiveMessenger messenger,
    GoodPracticeCards cards,
    IOptions<GoodPracticeOptions> options,
    ILogger<GoodPracticeModerationCard> logger) : IOutboxHandler
{
    public const string KindName = "good-practice-moderation-card";

    public string Kind => KindName;

    /// <summary>What an example's change owes the L&amp;D channel (its id in the collapse key: all examples share one partition).</summary>
    public static OutboxMessage Message(GoodPracticeExample example) =>
        new("moderation-card", KindName, Subject: example.Id, CollapseKey: $"moderation-card|{example.Id}");

    /// <summary>The review date has come: post the card again as a new post.</summary>
    public static OutboxMessage ReviewNotice(GoodPracticeExample example) =>
        new("review-notice", KindName, Recipient: RepostMarker, Subject: example.Id, CollapseKey: $"review-notice|{example.Id}");

    private const string RepostMarker = "repost";

    public async Task<OutboxResult> DeliverAsync(OutboxEntity row, CancellationToken cancellationToken)
    {
        var example = row.Subject is { Length: > 0 } id ? await examples.FindAsync(id, cancellationToken) : null;
        if (example is null)
        {
            return new OutboxResult.Unreachable("example-gone");
        }

        var card = cards.Moderation(example, reviewMonths: options.Value.ReviewAfterMonths);
        if (row.Recipient != RepostMarker && SentMessage.FromJson(example.ModerationCard) is { } posted)
        {
            await messenger.UpdateCardAsync(posted, card, cancellationToken);
            return new OutboxResult.Delivered(posted.ActivityId);
        }

        var channel = await channels.GetAsync(cancellationToken);
        if (channel is null)
        {
            logger.LogInformation("Good-practice example {ExampleId} waits for the L&D channel: none is set yet", example.Id);
            return new OutboxResult.RetryLater("no-expert-channel");
        }

        var sent = await messenger.SendCardAsync(channel.Conversation, card, cancellationToken);
        EntityChange<GoodPracticeExample>? recorded;
        try
        {
            recorded = await examples.ChangeAsync(example.Id, current => current.ModerationCard == example.ModerationCard
                ? new EntityDecision<GoodPracticeExample>.Write(current with { ModerationCard = sent.ToJson() })
                : new EntityDecision<GoodPracticeExample>.Keep(), null, cancellationToken);
        }
        catch (Exception exception) when (TableErrors.IsStorageFailure(exception))
        {
            // Not recorded on the example, so the next attempt posts again: take this one down first.
            await TakeDownAsync(sent, example.Id, cancellationToken);
            throw;
        }

        if (recorded is { Changed: false })
        {
            // Another instance posted the card first: take this copy down so the channel shows one.
            await TakeDownAsync(sent, example.Id, cancellationToken);
        }
        else if (recorded is { Entity: var latest } && latest.Status != example.Status)
        {
            // Decided while the card was on its way: show the decision.
            await messenger.UpdateCardAsync(sent, cards.Moderation(latest, reviewMonths: options.Value.ReviewAfterMonths), cancellationToken);
        }

        return new OutboxResult.Delivered(sent.ActivityId);
    }

    private async Task TakeDownAsync(SentMessage sent, string exampleId, CancellationToken cancellationToken)
    {
        try
        {
            await messenger.DeleteAsync(sent, cancellationToken);
        }
        catch (ConnectorException exception)
        {
            logger.LogWarning(exception, "Could not remove a second moderation card of example {ExampleId}", exampleId);
        }
    }
}
