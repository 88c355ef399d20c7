using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;

namespace LearningBot.Digest.Archive;

public static class DigestArchiveServiceCollectionExtensions
{
    /// <summary>Registers the archive of sent editions, its search and the one-stop shop's "In the newsletter".</summary>
    public static IServiceCollection AddDigestArchive(this IServiceCollection services)
    {
        services.AddOptions<DigestArchiveOptions>().BindConfiguration(DigestArchiveOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddSingleton<DigestArchive>()
            .AddSingleton<IDigestEditionSent>(provider => provider.GetRequiredService<DigestArchive>())
            .AddSingleton<DigestArchiveCards>()
            .AddSingleton<INewsletterItems, DigestNewsletterItems>()
            .AddSingleton<IBotFeature, DigestArchiveFeature>();
    }
}
