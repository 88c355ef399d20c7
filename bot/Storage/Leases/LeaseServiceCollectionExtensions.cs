using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.Storage.Leases;

public static class LeaseServiceCollectionExtensions
{
    /// <summary>Registers <see cref="PeriodicLease"/> (section <c>Leases</c>); background jobs that run once per period across instances use it.</summary>
    public static IServiceCollection AddPeriodicLeases(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(PeriodicLease)))
        {
            return services;
        }

        services.AddTableStorage();
        services.AddOptions<LeaseOptions>()
            .BindConfiguration(LeaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<PeriodicLease>();
        return services;
    }
}
