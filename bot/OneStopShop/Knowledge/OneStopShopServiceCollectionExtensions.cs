using LearningBot.Privacy;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Knowledge;

/// <summary>Registers the one-stop shop's answering with its options and knowledge folder.</summary>
internal static class OneStopShopServiceCollectionExtensions
{
    internal static IServiceCollection AddOneStopShopKnowledge(this IServiceCollection services)
    {
        services.AddOptions<AnswerOptions>()
            .BindConfiguration(AnswerOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AnswerOptions>>().Value;
            var environment = provider.GetRequiredService<IHostEnvironment>();
            var folder = ResolveFolder(options.KnowledgePath, environment.ContentRootPath);
            var engine = AnswerEngine.Load(folder, options);
            provider.GetRequiredService<ILogger<AnswerEngine>>().LogInformation(
                "Loaded {ArticleCount} knowledge articles and {PeopleCount} directory entries from {KnowledgeFolder}",
                engine.Knowledge.Count, engine.Directory.WhosWho.People.Count, folder);
            return engine;
        });
        services.AddOptions<WorkContactsOptions>()
            .BindConfiguration(WorkContactsOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(provider => WorkContacts.From(
            provider.GetRequiredService<IOptions<WorkContactsOptions>>().Value,
            provider.GetRequiredService<AnswerEngine>().Directory.WhosWho.People.SelectMany(person => new[] { person.Email, person.Phone })));
        return services;
    }

    /// <summary>A relative path starts at the content root, or beside the application when the content root lacks it.</summary>
    internal static string ResolveFolder(string path, string contentRoot)
    {
        if (Path.IsPathRooted(path))
        {
            return path;
        }

        var fromContentRoot = Path.Combine(contentRoot, path);
        var besideApplication = Path.Combine(AppContext.BaseDirectory, path);
        return System.IO.Directory.Exists(fromContentRoot) || !System.IO.Directory.Exists(besideApplication) ? fromContentRoot : besideApplication;
    }
}
