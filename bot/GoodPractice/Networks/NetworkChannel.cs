using LearningBot.Leads;
using LearningBot.Storage;

namespace LearningBot.GoodPractice.Networks;

/// <summary>
/// The Teams channel a network's approved examples are posted in (table <see cref="NetworkChannelStore.TableName"/>,
/// partition <see cref="Partition"/>, row key the row key of the network's entry in the register of leads).
/// </summary>
public sealed record NetworkChannel : TableRow
{
    public const string Partition = "channel";

    public NetworkChannel()
    {
        PartitionKey = Partition;
    }

    /// <summary>The person key of the network's register entry (its lead).</summary>
    public string NetworkKey { get; init; } = string.Empty;

    /// <summary>The channel's conversation reference (service url, conversation id, tenant) as JSON.</summary>
    public string Conversation { get; init; } = string.Empty;

    public string ConversationId { get; init; } = string.Empty;

    public string? TeamName { get; init; }

    public string ChannelName { get; init; } = string.Empty;

    public string SetByKey { get; init; } = string.Empty;

    public string SetByName { get; init; } = string.Empty;

    public DateTimeOffset SetAt { get; init; }

    public static string RowKeyFor(LeadEntry network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.RowKey;
    }
}

/// <summary>
/// That a network's channel is told of an approved example (partition <see cref="Partition"/>, row key network and
/// example): added only if absent, so a network hears of an example once however often the approval is delivered.
/// </summary>
public sealed record NetworkPost : TableRow
{
    public const string Partition = "post";

    public NetworkPost()
    {
        PartitionKey = Partition;
    }

    public string NetworkKey { get; init; } = string.Empty;

    public string ExampleId { get; init; } = string.Empty;

    /// <summary>The channel it was posted to (its conversation id).</summary>
    public string ConversationId { get; init; } = string.Empty;

    public double Score { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The delivery that posts it, once started.</summary>
    public string? DeliveryId { get; init; }

    public static NetworkPost Of(LeadEntry network, string exampleId, string conversationId, double score, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(network);
        return new()
        {
            RowKey = KeyOf(network.PersonKey, exampleId),
            NetworkKey = network.PersonKey,
            ExampleId = exampleId,
            ConversationId = conversationId,
            Score = score,
            At = at,
        };
    }

    public static string KeyOf(string networkKey, string exampleId) => TableKeys.Encode($"{LeadEntry.Normalise(networkKey)}|{exampleId}");
}
