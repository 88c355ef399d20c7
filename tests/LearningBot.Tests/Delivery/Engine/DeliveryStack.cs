using LearningBot.Connector.Schema;
using LearningBot.Delivery;
using LearningBot.Delivery.Progress;
using LearningBot.Delivery.Sending;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Delivery.Engine;

/// <summary>
/// One bot instance's delivery engine (<c>AddDelivery</c>, as the host registers it) on storage a test shares between
/// its stacks, with a <see cref="RecordingSender"/> in place of the Bot Connector. Two stacks on one
/// <see cref="DeliveryStorage"/> are two instances on one storage account.
/// </summary>
public sealed class DeliveryStack : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private bool _running;

    /// <param name="clock">This instance's clock (a <see cref="ManualClock"/> for jobs that go by the date); the real one when null. A stack on a manual clock runs its jobs by hand, not its worker.</param>
    public DeliveryStack(DeliveryStorage storage, DeliveryOptions options, RecordingSender sender, IDeliveryProgressNotifier? notifier = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton(storage.Tables);
        services.AddSingleton(storage.Queues);
        services.AddDelivery();
        services.RemoveAll<IRecipientSender>();
        services.AddSingleton<IRecipientSender>(sender);
        services.RemoveAll<IDeliveryProgressNotifier>();
        if (notifier is not null)
        {
            services.AddSingleton(notifier);
        }

        if (clock is not null)
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(clock);
        }

        services.AddSingleton(Options.Create(options));
        _provider = services.BuildServiceProvider();
        Sender = sender;
    }

    public RecordingSender Sender { get; }

    public IDeliveries Deliveries => _provider.GetRequiredService<IDeliveries>();

    public DeliveryWorker Worker => _provider.GetRequiredService<DeliveryWorker>();

    public DeliveryLedgerRetention Retention => _provider.GetRequiredService<DeliveryLedgerRetention>();

    public string Instance => _provider.GetRequiredService<DeliveryProcessor>().Instance;

    /// <summary>Starts this instance's worker.</summary>
    public Task StartWorkerAsync()
    {
        _running = true;
        return Worker.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops the worker the way a host does: in-flight sends are cancelled, and whatever they had claimed stays claimed.</summary>
    public async Task StopWorkerAsync()
    {
        if (_running)
        {
            _running = false;
            await Worker.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkerAsync();
        await _provider.DisposeAsync();
    }

    /// <summary>
    /// Waits until the delivery has finished (completed, or cancelled and tidied), at most <paramref name="within"/>
    /// (default 30 s); fails with the header's counts and the ledger's outcomes when it has not.
    /// </summary>
    public async Task AssertFinishesAsync(DeliveryStorage storage, string deliveryId, TimeSpan? within = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (await Eventually.TrueAsync(async () => (await Deliveries.GetProgressAsync(deliveryId, CancellationToken.None))?.FinishedAt is not null, within ?? TimeSpan.FromSeconds(30)))
        {
            return;
        }

        var progress = await Deliveries.GetProgressAsync(deliveryId, CancellationToken.None);
        var outcomes = (await storage.LedgerAsync(deliveryId)).GroupBy(row => row.Outcome ?? (row.LeaseUntil > DateTimeOffset.UtcNow ? "pending-leased" : "pending"))
            .Select(group => $"{group.Key}: {group.Count()}");
        Assert.Fail($"The delivery did not finish. Header: {progress}. Ledger: {string.Join(", ", outcomes)}.");
    }

    /// <summary>
    /// Options that keep tests fast: short visibility, lease, polls and retries, and a sweep every second that steps in after
    /// 3 s without progress (on a busy machine a header count can fail to be written; the sweep's census then finishes it).
    /// </summary>
    public static DeliveryOptions FastOptions() => new()
    {
        VisibilityTimeout = TimeSpan.FromSeconds(2),
        SendTimeout = TimeSpan.FromSeconds(4),
        LeaseDuration = TimeSpan.FromSeconds(5),
        FirstRetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromMilliseconds(500),
        SweepInterval = TimeSpan.FromSeconds(1),
        StallAfter = TimeSpan.FromSeconds(3),
        IdlePollDelay = TimeSpan.FromMilliseconds(50),
        MaxIdlePollDelay = TimeSpan.FromMilliseconds(200),
        HeaderCacheDuration = TimeSpan.FromMilliseconds(200),
    };

    public static DeliveryRequest Request(string idempotencyKey, IReadOnlyList<DeliveryRecipient> recipients, ConversationReference? progressTo = null) =>
        new("test-bulletin", idempotencyKey, "requester-1", new Activity { Type = ActivityTypes.Message, Text = MessageText }, recipients, progressTo);

    /// <summary>The text every test delivery carries, so a test can prove it never reaches the report.</summary>
    public const string MessageText = "Mandatory training bulletin: fire safety refresher";

    public static IReadOnlyList<DeliveryRecipient> People(int count, string prefix = "person") =>
        [.. Enumerable.Range(1, count).Select(i => DeliveryRecipient.Person($"{prefix}-{i:D5}", organisation: $"Org {i % 3}", organisationKind: "care-home"))];
}
