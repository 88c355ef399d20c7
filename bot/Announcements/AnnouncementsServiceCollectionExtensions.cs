using LearningBot.Connector.Hosting;
using LearningBot.Storage.Leases;

namespace LearningBot.Announcements;

public static class AnnouncementsServiceCollectionExtensions
{
    /// <summary>Announcements from the L&amp;D Support Team, sent as deliveries (needs an <see cref="Delivery.IDeliveries"/>). Safe to call more than once.</summary>
    public static IServiceCollection AddAnnouncements(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(AnnouncementCards)))
        {
            return services;
        }

        services.AddSingleton<AnnouncementCards>();
        services.AddSingleton<AnnouncementDrafts>();
        services.AddSingleton<AnnouncementAudience>();
        services.AddPeriodicLeases();
        services.AddSingleton<AnnouncementDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<AnnouncementDispatcher>());
        services.AddSingleton<IBotFeature, AnnouncementsFeature>();
        return services;
    }
}
