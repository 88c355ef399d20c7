using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LearningBot.Cards;

public static class CardServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="CardCatalog"/> (settings section <c>Cards</c>) and loads it when the host starts,
    /// so a broken template fails start-up rather than a user's turn.
    /// </summary>
    public static IServiceCollection AddCards(this IServiceCollection services, Action<CardsOptions>? configure = null)
    {
        var options = services.AddOptions<CardsOptions>()
            .BindConfiguration(CardsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<CardCatalog>();
        services.AddSingleton<SampleNotes>();
        services.AddHostedService<CardCatalogLoader>();
        return services;
    }

    private sealed class CardCatalogLoader(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetRequiredService<CardCatalog>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
