using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.Leads;

public static class LeadsServiceCollectionExtensions
{
    /// <summary>
    /// The register of leads: its table seeded from the who's who, <see cref="Roles.Lead"/> for everyone active in it,
    /// and the Teams flows for leads and the L&amp;D Support Team. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddLeads(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(LeadRegister)))
        {
            return services;
        }

        services.AddOptions<LeadsOptions>().BindConfiguration(LeadsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTableStorage();
        services.AddSingleton(provider => LeadSeedFile.Resolve(
            provider.GetRequiredService<IOptions<LeadsOptions>>().Value,
            provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.AddSingleton<LeadRegister>();
        services.AddSingleton<IRoleMembers, LeadRoleMembers>();
        services.AddHostedService<LeadSeedingService>();
        services.AddSingleton<LeadCards>();
        services.AddSingleton<IBotFeature, LeadEntryFeature>();
        services.AddSingleton<IBotFeature, LeadRegisterFeature>();
        return services;
    }
}
