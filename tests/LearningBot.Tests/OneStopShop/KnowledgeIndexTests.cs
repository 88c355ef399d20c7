using LearningBot.OneStopShop.Knowledge;
using static LearningBot.Tests.OneStopShop.KnowledgeFixtures;

namespace LearningBot.Tests.OneStopShop;

public sealed class KnowledgeIndexTests
{
    private static KnowledgeIndex FixtureIndex() =>
        new(FixtureKnowledgeBase().Articles, Synonyms);

    [Theory]
    [InlineData("secondmnet", "secondments")]
    [InlineData("apprenticship", "apprenticeships")]
    [InlineData("shadownig", "job-shadowing")]
    [InlineData("kirkaptrick levels", "evaluation-kirkpatrick")]
    [InlineData("mentorring", "mentoring-and-buddying")]
    public void Tolerates_one_typo_in_longer_words(string question, string expected)
    {
        var result = FixtureIndex().Search(question);
        Assert.Equal(expected, result.Best?.Article.Id);
    }

    [Fact]
    public void Does_not_correct_words_shorter_than_five_letters()
    {
        // "coch" is one edit from "coach" but too short to be trusted.
        Assert.Null(FixtureIndex().Search("coch").Best);
        Assert.Equal("coaching", FixtureIndex().Search("coach").Best?.Article.Id);
    }

    [Fact]
    public void Does_not_correct_a_word_the_index_knows()
    {
        var index = new KnowledgeIndex(
            [Article("first", "Coaching managers"), Article("second", "Coasting through change", body: "coasting coasting")],
            Synonyms);
        Assert.Equal("second", index.Search("coasting").Best?.Article.Id);
        Assert.Single(index.Search("coasting").Hits);
    }

    [Fact]
    public void Does_not_correct_two_typos()
    {
        Assert.Null(FixtureIndex().Search("secnodmnet").Best);
    }

    [Fact]
    public void Weighs_a_title_match_above_the_same_word_in_a_body()
    {
        var index = new KnowledgeIndex(
            [
                Article("in-body", "Planning your year", body: "Think about induction for new staff and plan the rota."),
                Article("in-title", "Induction", body: "Plan the first weeks for new staff and the rota."),
            ],
            Synonyms);
        var result = index.Search("induction");
        Assert.Equal(["in-title", "in-body"], result.Hits.Select(h => h.Article.Id));
        Assert.True(result.FieldMatch > 0.99);
    }

    [Fact]
    public void Normalises_field_length_so_a_focused_article_beats_a_long_one()
    {
        var filler = string.Join(' ', Enumerable.Repeat("The rota, the budget, the building and the car park all need attention.", 40));
        var index = new KnowledgeIndex(
            [
                Article("long", "Running a service", body: $"{filler} Safeguarding matters. {filler}"),
                Article("focused", "Keeping people safe", body: "Safeguarding adults and children is everyone's job."),
            ],
            Synonyms);
        Assert.Equal("focused", index.Search("safeguarding").Best?.Article.Id);
    }

    [Fact]
    public void Ranks_the_literal_term_above_a_synonym()
    {
        var index = new KnowledgeIndex(
            [
                Article("says-tna", "Planning", body: "Every team completes a TNA each spring."),
                Article("says-lna", "Planning", body: "Every team completes an LNA each spring."),
            ],
            Synonyms);
        var result = index.Search("LNA");
        Assert.Equal(["says-lna", "says-tna"], result.Hits.Select(h => h.Article.Id));
        Assert.Equal("says-tna", index.Search("TNA").Best?.Article.Id);
    }

    [Fact]
    public void Finds_an_article_through_a_synonym_alone()
    {
        var result = FixtureIndex().Search("IPR");
        Assert.Equal("appraisal-and-ksf", result.Best?.Article.Id);
        Assert.Equal(["IPR"], result.MatchedTerms);
    }

    [Fact]
    public void Makes_an_upserted_article_searchable_at_once()
    {
        var index = FixtureIndex();
        Assert.Null(index.Search("BSL").Best);

        index.Upsert(Article("british-sign-language", "Learning British Sign Language", "Free BSL taster sessions for front-line staff.", ["bsl", "deaf awareness"]));

        Assert.Equal("british-sign-language", index.Search("sign language classes").Best?.Article.Id);
        Assert.Equal("british-sign-language", index.Search("BSL").Best?.Article.Id);
    }

    [Fact]
    public void Editing_one_article_again_and_again_with_new_words_keeps_the_vocabulary_bounded()
    {
        var index = FixtureIndex();
        var start = index.VocabularySize;
        var article = Article("ever-changing", "An ever changing article", "Rewritten many times.", ["rewrites"]);

        for (var edit = 0; edit < 300; edit++)
        {
            var words = string.Join(' ', Enumerable.Range(0, 50).Select(w => $"zq{edit}x{w}word"));
            index.Upsert(article with { Body = words });
            Assert.True(index.VocabularySize <= (2 * (start + 100)) + 1024 + 100, $"{index.VocabularySize} terms after {edit + 1} edits");
        }

        Assert.Equal("ever-changing", index.Search("zq299x7word").Best?.Article.Id);
        Assert.Null(index.Search("zq3x7word").Best);
        Assert.Equal("secondments", index.Search("secondment").Best?.Article.Id);
    }

    [Fact]
    public void Replaces_an_article_on_upsert_with_the_same_id()
    {
        var index = FixtureIndex();
        var count = index.Count;
        var old = index.Find("secondments")!;
        index.Upsert(old with { Title = "Working elsewhere for a while", Tags = ["placements"], Summary = "Placements in another team.", Body = "Placements." });

        Assert.Equal(count, index.Count);
        Assert.Equal("secondments", index.Search("placements").Best?.Article.Id);
        Assert.Null(index.Search("secondment").Best);
    }

    [Fact]
    public void Removes_an_article_from_results()
    {
        var index = FixtureIndex();
        Assert.True(index.Remove("secondments"));
        Assert.Null(index.Search("secondment").Best);
        Assert.False(index.Remove("secondments"));
    }

    [Fact]
    public void Refuses_to_remove_an_article_others_link_to()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FixtureIndex().Remove("systems-approach"));
        Assert.Contains("learning-needs-analysis", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_upsert_with_a_dangling_related_id()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            FixtureIndex().Upsert(Article("new-one", "New", related: ["no-such-article"])));
        Assert.Contains("no-such-article", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serves_searches_while_articles_are_edited()
    {
        var index = FixtureIndex();
        var writing = true;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var searches = 0;
            do
            {
                Assert.Equal("learning-needs-analysis", index.Search("training needs analysis").Best?.Article.Id);
                searches++;
            }
            while (Volatile.Read(ref writing));

            return searches;
        })).ToArray();
        await Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                index.Upsert(Article($"edit-{i % 5}", $"Edited note {i}", body: $"Revision {i} of a note about rotas."));
                Assert.Equal($"edit-{i % 5}", index.Search($"edited note {i}").Best?.Article.Id);
            }
        });
        Volatile.Write(ref writing, false);

        var counts = await Task.WhenAll(readers);
        Assert.All(counts, c => Assert.True(c > 0));
        Assert.Equal(FixtureKnowledgeBase().Articles.Count + 5, index.Count);
    }
}
