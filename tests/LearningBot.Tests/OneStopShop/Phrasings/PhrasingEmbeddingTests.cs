using Azure.Data.Tables;
using LearningBot.OneStopShop.Answers;
using LearningBot.OneStopShop.Knowledge;
using LearningBot.OneStopShop.Meaning;
using LearningBot.OneStopShop.Signposts;
using LearningBot.Tests.OneStopShop.Meaning;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.OneStopShop.Phrasings;

/// <summary>Phrasings are embedded with the rest of an article, cached by their own hash, and embedded again only when changed.</summary>
public sealed class PhrasingEmbeddingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_warm_start_embeds_nothing_phrasings_included()
    {
        var model = "words-" + Guid.NewGuid().ToString("N")[..8];
        var first = new WordHashEmbedder(model);
        await using (var bot = await StartAsync(first))
        {
            var engine = bot.Services.GetRequiredService<AnswerEngine>();
            Assert.True(await Eventually.TrueAsync(() => engine.Semantic.IsReady), "the first start never finished embedding the articles");
            var phrasings = engine.Knowledge.Articles.SelectMany(ArticleMeaning.PhrasingsOf).ToList();
            Assert.NotEmpty(phrasings);
            var signposts = bot.Services.GetRequiredService<SignpostMatcher>();
            Assert.True(await Eventually.TrueAsync(() => signposts.Model == model), "the first start never finished embedding the signposts' examples");
            var texts = engine.Knowledge.Articles.SelectMany(ArticleMeaning.TextsOf).Union(signposts.Examples).Count();
            Assert.Equal(texts, first.ArticlesEmbedded);
            Assert.All(engine.Semantic.Current.Entries, entry => Assert.Equal(engine.Knowledge.Find(entry.Id)!.Asked.Count, entry.PhrasingCount));
            foreach (var phrasing in phrasings.Take(3))
            {
                var cached = await azurite.Table(ArticleEmbeddings.TableName).GetEntityIfExistsAsync<TableEntity>(model, ArticleMeaning.HashOf(phrasing));
                Assert.True(cached.HasValue, $"the embedding of '{phrasing}' was not cached");
            }
        }

        var second = new WordHashEmbedder(model);
        await using (var bot = await StartAsync(second))
        {
            var engine = bot.Services.GetRequiredService<AnswerEngine>();
            Assert.True(await Eventually.TrueAsync(() => engine.Semantic.IsReady), "the second start never became ready");
            Assert.Equal(engine.Knowledge.Count, engine.Semantic.Count);
            Assert.All(engine.Semantic.Current.Entries, entry => Assert.Equal(engine.Knowledge.Find(entry.Id)!.Asked.Count, entry.PhrasingCount));
            Assert.Equal(0, second.ArticlesEmbedded);
        }
    }

    private Task<BotTestHost> StartAsync(ISentenceEmbedder embedder) => PhrasingEditEmbeddingTests.StartAsync(azurite, embedder);
}

/// <summary>A saved edit is embedded text by text: a class of its own, so no other start loads the edited article.</summary>
public sealed class PhrasingEditEmbeddingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_edit_that_rewords_one_phrasing_embeds_that_phrasing_alone()
    {
        var embedder = new WordHashEmbedder("words-" + Guid.NewGuid().ToString("N")[..8]);
        await using var bot = await StartAsync(azurite, embedder);
        var engine = bot.Services.GetRequiredService<AnswerEngine>();
        Assert.True(await Eventually.TrueAsync(() => engine.Semantic.IsReady), "the articles were never embedded");
        var before = embedder.ArticlesEmbedded;
        var mentoring = engine.Knowledge.Find("mentoring")!;
        var edited = mentoring with { Asked = ["can a retired matron mentor our new ward managers", .. mentoring.Asked.Skip(1)] };

        await bot.Services.GetRequiredService<KnowledgeArticleStore>().SaveAsync(edited, "priya.shah", CancellationToken.None);

        var saved = engine.Knowledge.Find("mentoring")!;
        Assert.True(await Eventually.TrueAsync(() => engine.Semantic.Has(saved.Id, ArticleMeaning.HashOf(saved))), "the edited article was never embedded again");
        Assert.Equal(before + 1, embedder.ArticlesEmbedded);
        Assert.Equal(mentoring.Asked.Count, engine.Semantic.Current.Entries.Single(e => e.Id == "mentoring").PhrasingCount);
    }

    internal static Task<BotTestHost> StartAsync(AzuriteFixture azurite, ISentenceEmbedder embedder) =>
        BotTestHost.StartAsync(azurite, ArticleEmbeddingTests.Settings, services => services.AddSingleton<ISentenceEmbedderSource>(new GivenEmbedderSource(embedder)));
}
