using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Escalation;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using LearningBot.OneStopShop.Signposts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.OneStopShop;

/// <summary>
/// Registers the one-stop shop, in one call: answering, the question log and its retention, the article store, "Ask the L&amp;D team"
/// (escalation), answering by meaning once the embedding model is loaded, signposts for questions that are not about
/// learning, and the capability's routes.
/// </summary>
public static class OneStopShopRegistration
{
    public static IServiceCollection AddOneStopShop(this IServiceCollection services)
    {
        services.AddEscalation();
        services.AddOneStopShopKnowledge();
        services.AddSingleton<QuestionLog>();
        services.AddOptions<QuestionRetentionOptions>()
            .BindConfiguration(QuestionRetentionOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<QuestionRetention>();
        services.AddHostedService(provider => provider.GetRequiredService<QuestionRetention>());
        services.AddSingleton<KnowledgeArticleStore>();
        services.AddSingleton<AnswerCardFactory>();
        services.AddHostedService<StoredArticlesLoader>();
        services.TryAddSingleton<ISentenceEmbedderSource, SharedSentenceEmbedderSource>();
        services.AddSingleton<ShippedEmbeddings>();
        services.AddSingleton<EmbeddingCache>();
        services.AddSingleton<ArticleEmbeddings>();
        services.AddHostedService<ArticleEmbeddingLoader>();
        services.AddSingleton<IBotFeature, AskFeature>();
        services.AddSingleton<IKnownWords, KnowledgeWords>();
        services.AddSingleton<IBotFeature, GapsReportFeature>();
        services.AddSingleton<IBotFeature, ArticleEditorFeature>();
        services.AddSignposts();
        return services;
    }
}
