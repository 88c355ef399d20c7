namespace LearningBot.Tests.Support;

/// <summary>Where the repository is, for tests that read its files (cards, knowledge, manifest, people, node_modules).</summary>
public static class RepoPaths
{
    /// <summary>The nearest folder above the test binaries that holds LearningBot.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "LearningBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No LearningBot.sln above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }
}
