using System.Threading.Channels;

namespace LearningBot.Outbox;

/// <summary>Kicks handed to this instance's <see cref="OutboxWorker"/> through an in-memory channel.</summary>
public sealed class InProcessOutboxSignal : IOutboxSignal
{
    private readonly Channel<OutboxKick> _kicks = Channel.CreateUnbounded<OutboxKick>(new UnboundedChannelOptions { SingleReader = true });

    public void Send(OutboxKick kick)
    {
        ArgumentNullException.ThrowIfNull(kick);
        if (!_kicks.Writer.TryWrite(kick))
        {
            kick.Complete([]);
        }
    }

    public IAsyncEnumerable<OutboxKick> ReadAllAsync(CancellationToken cancellationToken) => _kicks.Reader.ReadAllAsync(cancellationToken);
}
