using LearningBot.BotHost;
using LearningBot.Connector.Hosting;
using LearningBot.Digest.Print;

namespace LearningBot.LearningDirectory.Printing;

public static class DirectoryPrintServiceCollectionExtensions
{
    /// <summary><c>print directory</c> and its signed printable page (the one-stop shop's phone number comes from <c>Digest:Print</c>).</summary>
    public static IServiceCollection AddDirectoryPrint(this IServiceCollection services)
    {
        services.AddOptions<DigestPrintOptions>().BindConfiguration(DigestPrintOptions.Section);
        return services
            .AddPublicLinks()
            .AddSingleton<DirectoryPrintLinks>()
            .AddSingleton<IBotFeature, DirectoryPrintFeature>()
            .AddSingleton<IEndpointFeature, DirectoryPrintPage>();
    }
}
