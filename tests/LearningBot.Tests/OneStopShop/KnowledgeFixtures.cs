using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.OneStopShop;

/// <summary>Where the real and the fixture knowledge live, and engines built from them.</summary>
internal static class KnowledgeFixtures
{
    public static string RepositoryRoot => RepoPaths.Root;

    public static string RealKnowledgeFolder => Path.Combine(RepositoryRoot, "knowledge");

    public static string RealQuestionsFile => Path.Combine(RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop", "questions.json");

    public static string FixtureFolder => Path.Combine(RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop", "Fixtures", "knowledge");

    public static string FixtureQuestionsFile => Path.Combine(RepositoryRoot, "tests", "LearningBot.Tests", "OneStopShop", "Fixtures", "fixture-questions.json");

    public static SynonymTable Synonyms => SynonymTable.Load(Path.Combine(RealKnowledgeFolder, KnowledgeLoader.SynonymsFile));

    /// <summary>The fixture articles and people with the product's real synonym table.</summary>
    public static KnowledgeBase FixtureKnowledgeBase() => new(
        KnowledgeLoader.LoadArticles(Path.Combine(FixtureFolder, KnowledgeLoader.ArticlesFolder)),
        KnowledgeLoader.LoadWhosWho(Path.Combine(FixtureFolder, KnowledgeLoader.WhosWhoFile)),
        Synonyms);

    public static AnswerEngine FixtureEngine(AnswerOptions? options = null) =>
        AnswerEngine.FromKnowledgeBase(FixtureKnowledgeBase(), options ?? new AnswerOptions());

    public static KnowledgeArticle Article(
        string id,
        string title,
        string summary = "A short summary.",
        string[]? tags = null,
        string body = "Body text.",
        string[]? related = null) =>
        new(id, title, summary, tags ?? [], ["worker"], ["all"], "L&D Support Team", new DateOnly(2027, 6, 30), related ?? [], body);

}
