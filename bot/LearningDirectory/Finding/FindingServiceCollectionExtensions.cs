using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.LearningDirectory.Finding;

/// <summary>Registers finding courses in the learning directory, and its answers in the one-stop shop.</summary>
public static class FindingServiceCollectionExtensions
{
    public static IServiceCollection AddLearningDirectoryFinding(this IServiceCollection services)
    {
        services.AddSingleton(provider => new CourseFinder(
            provider.GetRequiredService<ICourseCatalogue>(),
            provider.GetRequiredService<AnswerEngine>().Knowledge.Synonyms,
            provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ICourseAnswers, DirectoryCourseAnswers>();
        return services;
    }
}
