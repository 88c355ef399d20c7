using LearningBot.BotHost;
using LearningBot.Connector.Hosting;

namespace LearningBot.Digest.Print;

public static class DigestPrintServiceCollectionExtensions
{
    /// <summary>The printable edition (its public page and the editors' signed preview) and the print pack that follows sending.</summary>
    public static IServiceCollection AddDigestPrint(this IServiceCollection services)
    {
        services.AddOptions<DigestPrintOptions>().BindConfiguration(DigestPrintOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services
            .AddPublicLinks()
            .AddSingleton<DigestPrintLinks>()
            .AddSingleton<DigestPrintPackStore>()
            .AddSingleton<DigestPrintAudience>()
            .AddSingleton<DigestPrintPackCards>()
            .AddSingleton<IDigestEditionSent, DigestPrintPack>()
            .AddSingleton<IBotFeature, DigestPrintFeature>()
            .AddSingleton<IEndpointFeature, DigestPrintPage>();
    }
}
