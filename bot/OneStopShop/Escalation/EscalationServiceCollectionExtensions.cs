using LearningBot.Access;
using LearningBot.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LearningBot.OneStopShop.Escalation;

internal static class EscalationServiceCollectionExtensions
{
    /// <summary>
    /// Registers "Ask the L&amp;D team". Articles made from answers go to <see cref="IKnowledgeArticleWriter"/>: register
    /// another writer before this call to replace the live knowledge base (tests do).
    /// </summary>
    internal static IServiceCollection AddEscalation(this IServiceCollection services)
    {
        services.AddOptions<EscalationOptions>()
            .BindConfiguration(EscalationOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<AnswerDeadline>();
        services.AddSingleton<TicketStore>();
        services.AddSingleton<ExpertChannelStore>();
        services.AddSingleton<ExpertChannelTeam>();
        services.AddSingleton<IRoleMembers>(provider => provider.GetRequiredService<ExpertChannelTeam>());
        services.AddSingleton<TicketCards>();
        services.AddSingleton<TicketWorkflow>();
        services.AddOutbox();
        services.AddOutboxTable(TicketStore.TableName);
        services.AddSingleton<IOutboxHandler, TicketChannelCard>();
        services.TryAddSingleton<IKnowledgeArticleWriter, KnowledgeBaseWriter>();
        services.AddSingleton<OverdueTicketCheck>();
        services.AddHostedService(provider => provider.GetRequiredService<OverdueTicketCheck>());
        services.AddSingleton<Connector.Hosting.IBotFeature, EscalationFeature>();
        return services;
    }
}
