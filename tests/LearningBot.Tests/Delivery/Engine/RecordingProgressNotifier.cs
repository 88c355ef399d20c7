using System.Collections.Concurrent;
using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;

namespace LearningBot.Tests.Delivery.Engine;

/// <summary>Records the progress cards the engine asked to start.</summary>
public sealed class RecordingProgressNotifier : IDeliveryProgressNotifier
{
    public ConcurrentQueue<(DeliveryProgress Progress, ConversationReference To)> Started { get; } = new();

    public Task StartedAsync(DeliveryProgress progress, ConversationReference progressTo, CancellationToken cancellationToken)
    {
        Started.Enqueue((progress, progressTo));
        return Task.CompletedTask;
    }
}
