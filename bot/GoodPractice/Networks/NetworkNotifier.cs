using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.GoodPractice.LeadNotices;
using LearningBot.Leads;

namespace LearningBot.GoodPractice.Networks;

/// <summary>
/// Posts an approved example in the channel of each network whose topics it matches (a network is its lead's entry in
/// the register, kind <c>network-lead</c>; it matches as a lead's topics do, <see cref="ExampleRelevance"/> above zero).
/// A network is told once per example: the post is recorded only if absent, and the delivery that posts it is keyed by
/// network and example, so delivering the approval again, or on two instances at once, posts once.
/// </summary>
public sealed class NetworkNotifier(
    LeadRegister leads,
    NetworkChannelStore channels,
    IDeliveries deliveries,
    NetworkCards cards,
    TimeProvider clock)
{
    public const string NetworkKind = "network-lead";
    public const string Purpose = "good-practice-network";

    /// <summary>The networks in the register that can be given a channel: active entries of kind network-lead.</summary>
    public async Task<IReadOnlyList<LeadEntry>> NetworksAsync(CancellationToken cancellationToken) =>
    [
        .. (await leads.ListAsync(cancellationToken)).Where(IsNetwork).OrderBy(n => n.Name, StringComparer.Ordinal),
    ];

    public static bool IsNetwork(LeadEntry entry) => entry is { Kind: NetworkKind, Retired: false };

    /// <summary>Posts the example in the matching networks' channels not yet told of it; how many networks match and have a channel.</summary>
    public async Task<int> NotifyAsync(GoodPracticeExample example, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(example);
        if (example.Status != ExampleStatus.Approved)
        {
            return 0;
        }

        var traits = PracticeTraits.Of(example);
        var byNetwork = (await channels.ListAsync(cancellationToken)).ToDictionary(c => c.RowKey, StringComparer.Ordinal);
        var told = 0;
        foreach (var network in await NetworksAsync(cancellationToken))
        {
            var score = ExampleRelevance.Score(traits, LeadInterest.Of(network));
            if (score <= 0 || !byNetwork.TryGetValue(network.RowKey, out var channel))
            {
                continue;
            }

            await channels.AddPostIfAbsentAsync(NetworkPost.Of(network, example.Id, channel.ConversationId, score, clock.GetUtcNow()), cancellationToken);
            told++;
            if (await channels.FindPostAsync(network.PersonKey, example.Id, cancellationToken) is { DeliveryId: null })
            {
                await PostAsync(network, example, channel, cancellationToken);
            }
        }

        return told;
    }

    /// <summary>Starts the post; the delivery's key makes a second start, by a retry or another instance, the same delivery.</summary>
    private async Task PostAsync(LeadEntry network, GoodPracticeExample example, NetworkChannel channel, CancellationToken cancellationToken)
    {
        var started = await deliveries.StartAsync(new DeliveryRequest(
            Purpose,
            IdempotencyKey: $"{network.PersonKey}|{example.Id}",
            LeadNotifier.RequestedBy,
            ProactiveMessenger.CardMessage(cards.Post(example, network)) with { Summary = "Good practice for the network" },
            [new DeliveryRecipient(RecipientKinds.Channel, channel.ConversationId, Conversation: channel.Conversation)]), cancellationToken);
        await channels.RecordDeliveryAsync(network.PersonKey, example.Id, started.DeliveryId, cancellationToken);
    }

    /// <summary>The channel's conversation reference as the delivery engine reads it.</summary>
    public static string Serialise(ConversationReference reference) => JsonSerializer.Serialize(reference, BotJson.Options);
}
