using LearningBot.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>An outbox partition whose rows post cards in the L&amp;D (expert) channel and wait while none is chosen.</summary>
public sealed record ExpertChannelOutbox(string Table, string Partition);

/// <summary>
/// When the L&amp;D channel is chosen, has the outbox deliver at once every card that was waiting for it (the rows back
/// off while no channel is set): one watch for every capability that registered its partition.
/// </summary>
public sealed class ExpertChannelWatch(ExpertChannelStore channels, IOutboxSignal outbox, IEnumerable<ExpertChannelOutbox> waiting) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        channels.Changed += PostWaiting;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        channels.Changed -= PostWaiting;
        return Task.CompletedTask;
    }

    private void PostWaiting()
    {
        foreach (var (table, partition) in waiting)
        {
            outbox.Send(new OutboxKick(table, partition, force: true));
        }
    }
}

public static class ExpertChannelWatchServiceCollectionExtensions
{
    /// <summary>Has the outbox rows of this table and partition posted as soon as the L&amp;D channel is chosen.</summary>
    public static IServiceCollection AddWaitingForExpertChannel(this IServiceCollection services, string table, string partition)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExpertChannelWatch>());
        return services.AddSingleton(new ExpertChannelOutbox(table, partition));
    }
}
