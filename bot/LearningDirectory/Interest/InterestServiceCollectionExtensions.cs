using LearningBot.Connector.Hosting;
using LearningBot.Delivery;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.Storage;

namespace LearningBot.LearningDirectory.Interest;

public static class InterestServiceCollectionExtensions
{
    /// <summary>
    /// Course alerts: people's interests in new dates, the flows to register, list and stop them, and the alerts sent
    /// through deliveries when a session is added. Needs the directory and its finding (<c>AddLearningDirectoryFinding</c>).
    /// </summary>
    public static IServiceCollection AddCourseInterest(this IServiceCollection services)
    {
        services.AddLearningDirectory();
        services.AddDelivery();
        services.AddTableStorage();
        services.AddSingleton<CourseInterestStore>();
        services.AddSingleton<CourseDateAlerts>();
        services.AddSingleton<ICourseSessionAdded>(provider => provider.GetRequiredService<CourseDateAlerts>());
        services.AddHostedService<CourseAlertSending>();
        services.AddSingleton<IBotFeature, CourseInterestFeature>();
        return services;
    }
}
