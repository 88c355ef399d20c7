using Azure.Data.Tables;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using LearningBot.OneStopShop.Signposts;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop.Meaning;

/// <summary>An article saved in Teams is embedded as soon as it is saved (tables of its own: a stored article is loaded by every later start).</summary>
public sealed class ArticleSaveEmbeddingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_article_saved_in_Teams_gets_its_head_and_passage_embeddings_and_they_are_cached()
    {
        var embedder = new WordHashEmbedder("words-" + Guid.NewGuid().ToString("N")[..8]);
        await using var bot = await BotTestHost.StartAsync(azurite, ArticleEmbeddingTests.Settings, services => services.AddSingleton<ISentenceEmbedderSource>(new GivenEmbedderSource(embedder)));
        var engine = bot.Services.GetRequiredService<AnswerEngine>();
        Assert.True(await Eventually.TrueAsync(() => engine.Semantic.IsReady), "the articles were never embedded");
        Assert.True(await Eventually.TrueAsync(() => bot.Services.GetRequiredService<SignpostMatcher>().Model == embedder.Model), "the signposts' examples were never embedded");
        var before = embedder.ArticlesEmbedded;

        var article = KnowledgeFixtures.Article("tea-trolley-rounds", "Tea trolley rounds for volunteers");
        await bot.Services.GetRequiredService<KnowledgeArticleStore>().SaveAsync(article, "priya.shah", CancellationToken.None);

        var saved = engine.Knowledge.Find(article.Id)!;
        var texts = ArticleMeaning.TextsOf(saved);
        Assert.True(await Eventually.TrueAsync(() => engine.Semantic.Has(article.Id, ArticleMeaning.HashOf(saved))), "the saved article was never embedded");
        Assert.Equal(before + texts.Count, embedder.ArticlesEmbedded);
        foreach (var text in texts)
        {
            var cached = await azurite.Table(ArticleEmbeddings.TableName).GetEntityIfExistsAsync<TableEntity>(embedder.Model, ArticleMeaning.HashOf(text));
            Assert.True(cached.HasValue, $"the embedding of '{text}' was not cached");
        }
    }
}
