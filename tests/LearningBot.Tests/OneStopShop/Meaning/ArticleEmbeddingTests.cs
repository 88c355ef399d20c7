using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using LearningBot.OneStopShop.Signposts;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>
/// Article embeddings through the real bot host and Azurite: computed once per article text and model, kept in table
/// storage (see <see cref="ArticleSaveEmbeddingTests"/> for saved articles), and never waited for by a question.
/// </summary>
public sealed class ArticleEmbeddingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, string?> WithModel = new() { ["OneStopShop:Hybrid:Model"] = new HybridOptions().Model };

    [Fact]
    public async Task A_second_start_reads_every_article_passage_and_signpost_example_embedding_from_the_cache_and_embeds_nothing()
    {
        var model = "words-" + Guid.NewGuid().ToString("N")[..8];
        var first = new WordHashEmbedder(model);
        int articles;
        await using (var bot = await StartAsync(first))
        {
            var engine = bot.Services.GetRequiredService<AnswerEngine>();
            var signposts = bot.Services.GetRequiredService<SignpostMatcher>();
            Assert.True(await Eventually.TrueAsync(() => engine.Semantic.IsReady), "the first start never finished embedding the articles");
            Assert.True(await Eventually.TrueAsync(() => signposts.Model == model), "the first start never finished embedding the signposts' examples");
            articles = engine.Knowledge.Count;
            var texts = engine.Knowledge.Articles.SelectMany(ArticleMeaning.TextsOf).Distinct().Count();
            Assert.True(texts > articles, "the articles' bodies were not embedded in passages");
            Assert.Equal(texts + signposts.Examples.Distinct().Count(), first.ArticlesEmbedded);
        }

        var second = new WordHashEmbedder(model);
        await using (var bot = await StartAsync(second))
        {
            var engine = bot.Services.GetRequiredService<AnswerEngine>();
            Assert.True(await Eventually.TrueAsync(() => engine.Semantic.IsReady), "the second start never became ready");
            Assert.True(await Eventually.TrueAsync(() => bot.Services.GetRequiredService<SignpostMatcher>().Model == model), "the second start never attached the signposts' examples");
            Assert.Equal(articles, engine.Semantic.Count);
            Assert.Equal(0, second.ArticlesEmbedded);
        }
    }

    [Fact]
    public async Task Until_the_model_is_ready_a_question_is_answered_by_its_words()
    {
        await using var bot = await StartAsync(embedder: null);

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "how do i get a mentor"));

        var card = CardJson.Of(Assert.Single(bot.Connector.Sent));
        Assert.Contains("Finding or becoming a mentor", CardJson.Readable(card), StringComparison.Ordinal);
        Assert.False(bot.Services.GetRequiredService<AnswerEngine>().Semantic.IsReady);
    }

    [Fact]
    public async Task With_the_real_model_loaded_the_bot_answers_by_meaning_and_is_still_not_sure_about_admin_questions()
    {
        await using var bot = await BotTestHost.StartAsync(azurite, WithModel, services => services.AddSingleton(RealModel.Source));
        var engine = bot.Services.GetRequiredService<AnswerEngine>();
        Assert.True(await Eventually.TrueAsync(() => engine.Semantic.IsReady, TimeSpan.FromMinutes(2)), "the model never became ready");

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "how do i get a mentor"));

        Assert.Contains("Finding or becoming a mentor", CardJson.Readable(CardJson.Of(Assert.Single(bot.Connector.Sent))), StringComparison.Ordinal);
        Assert.Equal(engine.Knowledge.Count, engine.Semantic.Count);
        foreach (var question in new[] { "what's the wifi password at the training centre", "my payslip is wrong this month", "can you tell me what my appraisal score was last year" })
        {
            Assert.Equal(AnswerKind.NotSure, engine.Answer(question).Kind);
        }
    }

    [Fact]
    public async Task With_the_real_model_loaded_a_question_with_no_trigger_word_is_signposted_by_its_meaning()
    {
        await using var bot = await BotTestHost.StartAsync(azurite, WithModel, services => services.AddSingleton(RealModel.Source));
        var signposts = bot.Services.GetRequiredService<SignpostMatcher>();
        Assert.True(await Eventually.TrueAsync(() => signposts.Model is not null && bot.Services.GetRequiredService<AnswerEngine>().Semantic.IsReady, TimeSpan.FromMinutes(2)),
            "the model never became ready");

        await bot.PostActivityAsync(TeamsActivities.Message(bot.Connector.ServiceUrl, "where do I send my receipts for the parking at clients' houses"));

        var card = CardJson.Of(Assert.Single(bot.Connector.Sent));
        Assert.Contains("Pay, overtime and expenses", CardJson.Readable(card), StringComparison.Ordinal);
        Assert.Single(CardJson.Actions(card, SignpostVerbs.LearningAfterAll));
    }

    internal static readonly Dictionary<string, string?> Settings = WithModel;

    private Task<BotTestHost> StartAsync(ISentenceEmbedder? embedder) =>
        BotTestHost.StartAsync(azurite, WithModel, services => services.AddSingleton<ISentenceEmbedderSource>(new GivenEmbedderSource(embedder)));
}
