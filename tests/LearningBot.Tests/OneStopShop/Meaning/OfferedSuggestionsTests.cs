using System.ComponentModel.DataAnnotations;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>A "not sure" answer links only the articles close to the question and to the best one, never a list for its own sake.</summary>
public sealed class OfferedSuggestionsTests
{
    private const string Question = "how do I find a mentor outside my own team";

    [Fact]
    public void A_not_sure_answer_offers_only_suggestions_above_the_floor_and_near_the_best()
    {
        var everything = Answer(new HybridOptions { ConfidenceThreshold = 1, OfferFloor = 0, OfferSpread = 1 });
        Assert.Equal(AnswerKind.NotSure, everything.Kind);
        Assert.True(everything.Suggestions.Count >= 2);
        Assert.Equal(Ids(everything.Suggestions), Ids(everything.Offered));

        var best = everything.Suggestions[0].Score;
        var spread = (best - everything.Suggestions[1].Score) / 2;
        var near = Answer(new HybridOptions { ConfidenceThreshold = 1, OfferFloor = 0, OfferSpread = spread });

        Assert.Equal(Ids(everything.Suggestions), Ids(near.Suggestions));
        Assert.Equal([everything.Suggestions[0].Article.Id], Ids(near.Offered));
    }

    [Fact]
    public void A_not_sure_answer_with_nothing_close_enough_offers_no_article_but_keeps_its_ranking()
    {
        var answer = Answer(new HybridOptions { ConfidenceThreshold = 1, OfferFloor = 1, OfferSpread = 1 });

        Assert.Equal(AnswerKind.NotSure, answer.Kind);
        Assert.NotEmpty(answer.Suggestions);
        Assert.Empty(answer.Offered);
    }

    [Fact]
    public void A_confident_answer_offers_its_suggestions_as_ranked()
    {
        var answer = Answer(new HybridOptions { ConfidenceThreshold = 0, OfferFloor = 1 });

        Assert.Equal(AnswerKind.Article, answer.Kind);
        Assert.Equal(Ids(answer.Suggestions), Ids(answer.Offered));
    }

    [Fact]
    public void Answers_by_words_alone_offer_every_suggestion()
    {
        var engine = AnswerEngine.FromKnowledgeBase(KnowledgeFixtures.FixtureKnowledgeBase(), new AnswerOptions { ConfidenceThreshold = 1 });

        var answer = engine.Answer(Question);

        Assert.Equal(AnswerKind.NotSure, answer.Kind);
        Assert.NotEmpty(answer.Offered);
        Assert.Equal(Ids(answer.Suggestions), Ids(answer.Offered));
    }

    [Theory]
    [InlineData(-0.1, 0.05, "OfferFloor")]
    [InlineData(1.5, 0.05, "OfferFloor")]
    [InlineData(0.5, -1, "OfferSpread")]
    public void Rejects_an_offer_setting_outside_0_to_1(double floor, double spread, string name)
    {
        var options = new AnswerOptions { Hybrid = new HybridOptions { OfferFloor = floor, OfferSpread = spread } };

        var problems = options.Validate(new ValidationContext(options)).Select(p => p.ErrorMessage).ToList();

        Assert.Contains(problems, p => p!.Contains($"{name} must be between 0 and 1", StringComparison.Ordinal));
    }

    private static List<string> Ids(IEnumerable<ArticleHit> hits) => [.. hits.Select(h => h.Article.Id)];

    private static AnswerResult Answer(HybridOptions hybrid)
    {
        var engine = AnswerEngine.FromKnowledgeBase(
            KnowledgeFixtures.FixtureKnowledgeBase(), new AnswerOptions { Hybrid = hybrid with { WordsDecisive = null } });
        engine.Semantic.EmbedAll(new WordHashEmbedder("words"), engine.Knowledge.Articles);
        return engine.Answer(Question);
    }
}
