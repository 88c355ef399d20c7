using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// An article's body is embedded in passages as well as its head, so a question about one section of it is matched by
/// meaning even when the title, tags and summary say nothing of it.
/// </summary>
public sealed class ArticlePassageTests
{
    private const string Question = "minibus seats twelve office weeks ahead";

    private static readonly KnowledgeArticle TeaTrolley = KnowledgeFixtures.Article(
        "tea-trolley-rounds",
        "Tea trolley rounds",
        summary: "Volunteers take drinks round the wards.",
        tags: ["tea"],
        body: "Start at ward one.\n\n## Booking the minibus\n\nThe minibus seats twelve and is booked through the volunteer office two weeks ahead.");

    [Fact]
    public void A_body_is_cut_into_passages_by_section_each_led_by_the_title_and_heading()
    {
        var passages = ArticleMeaning.PassagesOf(TeaTrolley);

        Assert.Equal(
            ["Tea trolley rounds. Start at ward one.", "Tea trolley rounds: Booking the minibus. The minibus seats twelve and is booked through the volunteer office two weeks ahead."],
            passages);
        Assert.Equal([ArticleMeaning.TextOf(TeaTrolley), .. passages], ArticleMeaning.TextsOf(TeaTrolley));
    }

    [Fact]
    public void A_long_section_is_cut_between_paragraphs()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("word", 100));
        var article = KnowledgeFixtures.Article("long", "Long", body: $"## One section\n\n{paragraph}\n\n{paragraph}\n\n{paragraph}");

        var passages = ArticleMeaning.PassagesOf(article);

        Assert.Equal(3, passages.Count);
        Assert.All(passages, p => Assert.StartsWith("Long: One section. word", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Editing_only_the_body_changes_the_article_hash()
    {
        var edited = TeaTrolley with { Body = TeaTrolley.Body.Replace("twelve", "ten", StringComparison.Ordinal) };

        Assert.Equal(ArticleMeaning.TextOf(TeaTrolley), ArticleMeaning.TextOf(edited));
        Assert.NotEqual(ArticleMeaning.HashOf(TeaTrolley), ArticleMeaning.HashOf(edited));
    }

    [Fact]
    public void A_question_about_one_section_is_matched_by_its_passage()
    {
        var byPassages = EngineWith(passageShare: 0.5).Answer(Question);
        var byHeads = EngineWith(passageShare: 0).Answer(Question);

        Assert.Equal(TeaTrolley.Id, byPassages.Suggestions[0].Article.Id);
        Assert.NotEqual(TeaTrolley.Id, byHeads.Suggestions[0].Article.Id);
    }

    private static AnswerEngine EngineWith(double passageShare)
    {
        var fixtures = KnowledgeFixtures.FixtureKnowledgeBase();
        var options = new AnswerOptions { Hybrid = new HybridOptions { LexicalWeight = 0, PassageShare = passageShare, ConfidenceThreshold = 0 } };
        var engine = AnswerEngine.FromKnowledgeBase(fixtures with { Articles = [.. fixtures.Articles, TeaTrolley] }, options);
        engine.Semantic.EmbedAll(new WordHashEmbedder("words"), engine.Knowledge.Articles);
        return engine;
    }
}
