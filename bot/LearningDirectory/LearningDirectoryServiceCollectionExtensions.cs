using LearningBot.Access;
using LearningBot.Connector.Hosting;
using LearningBot.Leads;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.LearningDirectory.Editing;
using LearningBot.LearningDirectory.Import;
using LearningBot.LearningDirectory.Mandatory;
using LearningBot.LearningDirectory.Printing;
using LearningBot.Storage;
using Microsoft.Extensions.Options;

namespace LearningBot.LearningDirectory;

public static class LearningDirectoryServiceCollectionExtensions
{
    /// <summary>
    /// The learning directory: its table, the catalogue search and answers read, the sample offers loaded at start, and
    /// the Teams flows that keep it current. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddLearningDirectory(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(CourseDirectoryStore)))
        {
            return services;
        }

        services.AddOptions<LearningDirectoryOptions>().BindConfiguration(LearningDirectoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddTableStorage();
        services.AddSingleton<CourseDirectoryStore>();
        services.AddSingleton<ICourseCatalogue, TableCourseCatalogue>();
        services.AddSingleton(provider => SampleOfferFile.Resolve(
            provider.GetRequiredService<IOptions<LearningDirectoryOptions>>().Value,
            provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.AddSingleton<SampleOfferSeeder>();
        services.AddHostedService<SampleSeedingService>();
        services.AddLeads(); // organisations' L&D leads, who keep their own kind's offers current
        services.AddSingleton<IRoleMembers, LearningLeadDirectoryEditors>();
        services.AddSingleton<DirectoryEditPolicy>();
        services.AddSingleton<DirectoryCards>();
        services.AddSingleton<IBotFeature, DirectoryEditingFeature>();
        services.AddHttpClient(ImportFileReader.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(8));
        services.AddSingleton<ImportFileReader>();
        services.AddSingleton<IBotFeature, CourseImportFeature>();
        services.AddSingleton<AskerOrganisation>();
        services.AddSingleton(provider => MandatoryTopicGuide.Load(provider.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        services.AddSingleton<MandatoryTopicCards>();
        services.AddSingleton<IBotFeature, MandatoryTrainingFeature>();
        services.AddDirectoryPrint();
        return services;
    }
}
