using System.ComponentModel.DataAnnotations;
using LearningBot.OneStopShop.Knowledge;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>When the words alone are decisive, the question is answered without embedding it.</summary>
public sealed class WordsDecisiveTests
{
    private const string Question = "how do I find a mentor outside my own team";

    [Fact]
    public void A_question_the_words_are_sure_of_is_answered_by_them_without_embedding_it()
    {
        var (engine, embedder) = Engine(wordsDecisive: 0.01);

        var answer = engine.Answer(Question);

        Assert.Equal(AnswerKind.Article, answer.Kind);
        Assert.Equal(engine.Knowledge.Search(Question).Best!.Article.Id, answer.Article!.Id);
        Assert.Null(answer.QuestionMeaning);
        Assert.Null(answer.Signals);
        Assert.Equal(0, embedder.Questions);
    }

    [Fact]
    public void A_question_the_words_are_not_sure_enough_of_is_embedded_and_blended()
    {
        var (engine, embedder) = Engine(wordsDecisive: 1);

        var answer = engine.Answer(Question);

        Assert.NotNull(answer.QuestionMeaning);
        Assert.NotNull(answer.Signals);
        Assert.Equal(1, embedder.Questions);
    }

    [Fact]
    public void Without_the_setting_every_question_is_embedded()
    {
        var (engine, embedder) = Engine(wordsDecisive: null);

        _ = engine.Answer(Question);

        Assert.Equal(1, embedder.Questions);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.5)]
    public void Rejects_a_decisive_confidence_outside_0_to_1(double value)
    {
        var options = new AnswerOptions { Hybrid = new HybridOptions { WordsDecisive = value } };

        var problems = options.Validate(new ValidationContext(options)).Select(p => p.ErrorMessage).ToList();

        Assert.Contains(problems, p => p!.Contains("WordsDecisive must be more than 0 and at most 1", StringComparison.Ordinal));
    }

    private static (AnswerEngine Engine, CountingEmbedder Embedder) Engine(double? wordsDecisive)
    {
        var engine = AnswerEngine.FromKnowledgeBase(
            KnowledgeFixtures.FixtureKnowledgeBase(), new AnswerOptions { Hybrid = new HybridOptions { WordsDecisive = wordsDecisive } });
        var embedder = new CountingEmbedder(new WordHashEmbedder("words"));
        engine.Semantic.EmbedAll(embedder, engine.Knowledge.Articles);
        return (engine, embedder);
    }

    private sealed class CountingEmbedder(ISentenceEmbedder inner) : ISentenceEmbedder
    {
        public int Questions { get; private set; }

        public string Model => inner.Model;

        public float[][] EmbedArticles(IReadOnlyList<string> texts, CancellationToken cancellationToken = default) =>
            inner.EmbedArticles(texts, cancellationToken);

        public float[] EmbedQuestion(string question)
        {
            Questions++;
            return inner.EmbedQuestion(question);
        }
    }
}
