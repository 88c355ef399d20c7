using System.Collections.Concurrent;
using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.Delivery.Sending;

namespace LearningBot.Tests.Delivery.Engine;

/// <summary>
/// Stands in for the Bot Connector side of a delivery: records every send it accepted (the recipient, when, and the
/// message), and answers as <see cref="Answer"/> says, given the recipient and how many times it was asked for them.
/// A send counts as accepted only once it returns <see cref="RecipientSendResult.Sent"/>.
/// </summary>
public sealed class RecordingSender : IRecipientSender
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public Func<DeliveryRecipient, int, CancellationToken, Task<RecipientSendResult>> Answer { get; set; } =
        (_, _, _) => Task.FromResult<RecipientSendResult>(new RecipientSendResult.Sent(Guid.NewGuid().ToString("N"), null));

    public ConcurrentQueue<(string Key, DateTimeOffset At, Activity Message)> Accepted { get; } = new();

    public ConcurrentQueue<(string Key, DateTimeOffset At)> Calls { get; } = new();

    public int CallsFor(string key) => _calls.TryGetValue(key, out var calls) ? calls : 0;

    public IReadOnlyDictionary<string, int> AcceptedPerKey() =>
        Accepted.GroupBy(send => send.Key, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

    public async Task<RecipientSendResult> SendAsync(DeliveryRecipient recipient, Activity message, SendPace pace, CancellationToken cancellationToken)
    {
        var attempt = _calls.AddOrUpdate(recipient.Key, 1, (_, calls) => calls + 1);
        Calls.Enqueue((recipient.Key, DateTimeOffset.UtcNow));
        var result = await Answer(recipient, attempt, cancellationToken);
        if (result is RecipientSendResult.Sent)
        {
            Accepted.Enqueue((recipient.Key, DateTimeOffset.UtcNow, message));
        }

        return result;
    }
}
