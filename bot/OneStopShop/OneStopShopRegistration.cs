using LearningBot.Connector.Hosting;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Escalation;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.OneStopShop;

/// <summary>
/// Registers the one-stop shop, in one call: answering, the question log, the article store, "Ask the L&amp;D team"
/// (escalation) and the capability's routes.
/// </summary>
public static class OneStopShopRegistration
{
    public static IServiceCollection AddOneStopShop(this IServiceCollection services)
    {
        services.AddEscalation();
        services.AddOneStopShopKnowledge();
        services.AddSingleton<QuestionLog>();
        services.AddSingleton<KnowledgeArticleStore>();
        services.AddSingleton<AnswerCardFactory>();
        services.AddHostedService<StoredArticlesLoader>();
        services.AddSingleton<IBotFeature, AskFeature>();
        services.AddSingleton<IBotFeature, GapsReportFeature>();
        services.AddSingleton<IBotFeature, ArticleEditorFeature>();
        return services;
    }
}
