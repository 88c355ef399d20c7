using System.ComponentModel.DataAnnotations;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.Tests.OneStopShop.Meaning;

namespace LearningBot.Tests.OneStopShop.Phrasings;

/// <summary>How the "asked as" phrasings reach the ranking: as extra texts by meaning and as a light field by words.</summary>
public sealed class PhrasingRankingTests
{
    private const string Question = "night staff wanting e-learning between rounds";

    /// <summary>An article whose title, tags, summary and body share no word with <see cref="Question"/>; only a phrasing does.</summary>
    private static readonly KnowledgeArticle Nights = KnowledgeFixtures.Article(
        "learning-out-of-hours", "Learning out of hours", "Fitting courses around shifts that start late.", ["shifts", "rota", "late"],
        "## Fitting it in\nAsk your manager which courses suit a quiet spell.") with
    { Asked = ["night staff wanting e-learning between rounds", "anything for us owls on the graveyard shift"] };

    [Fact]
    public void An_article_asked_the_way_the_question_is_put_ranks_first_by_meaning_only_with_its_phrasings()
    {
        var byPhrasings = EngineWith(phrasingShare: 1, askedWeight: 0).Answer(Question);
        var without = EngineWith(phrasingShare: 0, askedWeight: 0).Answer(Question);

        Assert.Equal(Nights.Id, byPhrasings.Suggestions[0].Article.Id);
        Assert.NotEqual(Nights.Id, without.Suggestions.FirstOrDefault()?.Article.Id);
    }

    [Fact]
    public void A_phrasing_lifts_the_similarity_by_its_share_of_the_gap()
    {
        float[] head = [1, 0, 0];
        float[] phrasing = [0, 1, 0];
        var entry = SemanticIndex.Entry.Of("a", "hash", [head, phrasing], phrasings: 1);
        float[] question = [0.6f, 0.8f, 0];

        Assert.Equal(0.6f, SemanticIndex.Similarity(question, entry, passageShare: 1, phrasingShare: 0), 5);
        Assert.Equal(0.7f, SemanticIndex.Similarity(question, entry, passageShare: 1, phrasingShare: 0.5f), 5);
        Assert.Equal(0.8f, SemanticIndex.Similarity(question, entry, passageShare: 0, phrasingShare: 1), 5);
        Assert.Equal(0, entry.PassageCount);
        Assert.Equal(1, entry.PhrasingCount);
    }

    [Fact]
    public void The_words_of_a_phrasing_find_its_article_unless_their_weight_is_zero()
    {
        const string Words = "owls on the graveyard";

        var withWords = EngineWith(phrasingShare: 0, askedWeight: 0.5, embed: false).Knowledge.Search(Words);
        var withoutWords = EngineWith(phrasingShare: 0, askedWeight: 0, embed: false).Knowledge.Search(Words);

        Assert.Equal(Nights.Id, withWords.Best?.Article.Id);
        Assert.NotEqual(Nights.Id, withoutWords.Best?.Article.Id);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Rejects_a_phrasing_share_outside_0_to_1(double share)
    {
        var options = new AnswerOptions { Hybrid = new HybridOptions { PhrasingShare = share } };

        var problems = options.Validate(new ValidationContext(options)).Select(p => p.ErrorMessage).ToList();

        Assert.Contains(problems, p => p!.Contains("PhrasingShare must be between 0 and 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_a_negative_weight_for_the_phrasings_words()
    {
        var options = new AnswerOptions { Ranking = new RankingOptions { AskedWeight = -1 } };

        var problems = options.Validate(new ValidationContext(options)).Select(p => p.ErrorMessage).ToList();

        Assert.Contains(problems, p => p!.Contains("AskedWeight must not be negative", StringComparison.Ordinal));
    }

    private static AnswerEngine EngineWith(double phrasingShare, double askedWeight, bool embed = true)
    {
        var fixtures = KnowledgeFixtures.FixtureKnowledgeBase();
        var options = new AnswerOptions
        {
            Hybrid = new HybridOptions { LexicalWeight = 0, PassageShare = 0.5, PhrasingShare = phrasingShare, ConfidenceThreshold = 0 },
            Ranking = new RankingOptions { AskedWeight = askedWeight },
        };
        var engine = AnswerEngine.FromKnowledgeBase(fixtures with { Articles = [.. fixtures.Articles, Nights] }, options);
        if (embed)
        {
            engine.Semantic.EmbedAll(new WordHashEmbedder("words"), engine.Knowledge.Articles);
        }

        return engine;
    }
}
