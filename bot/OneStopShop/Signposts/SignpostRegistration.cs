using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Knowledge;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Signposts;

/// <summary>Registers signposts: the file from the knowledge folder, recognition, its embeddings and the "about learning after all" route.</summary>
internal static class SignpostRegistration
{
    internal static IServiceCollection AddSignposts(this IServiceCollection services)
    {
        services.AddOptions<SignpostOptions>().BindConfiguration(SignpostOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var folder = OneStopShopServiceCollectionExtensions.ResolveFolder(
                provider.GetRequiredService<IOptions<AnswerOptions>>().Value.KnowledgePath, provider.GetRequiredService<IHostEnvironment>().ContentRootPath);
            var matcher = SignpostMatcher.Load(folder, provider.GetRequiredService<IOptions<SignpostOptions>>().Value);
            provider.GetRequiredService<ILogger<SignpostMatcher>>().LogInformation("Loaded {SignpostCount} signposts from {KnowledgeFolder}", matcher.Book.Signposts.Count, folder);
            return matcher;
        });
        services.AddHostedService<SignpostEmbeddingLoader>();
        services.AddSingleton<IBotFeature, SignpostFeature>();
        return services;
    }
}
