using LearningBot.OneStopShop.Answers;

namespace LearningBot.Tests.OneStopShop.Answers;

public sealed class ArticlePagesTests
{
    [Fact]
    public void A_short_article_is_one_page_of_all_its_blocks()
    {
        var pages = ArticlePages.Of("## Heading\nA paragraph.\n\n- one\n- two");

        var page = Assert.Single(pages);
        Assert.Equal(3, page.Count);
    }

    [Fact]
    public void An_empty_body_is_one_empty_page()
    {
        Assert.Empty(Assert.Single(ArticlePages.Of(string.Empty)));
    }

    [Fact]
    public void A_long_article_breaks_between_blocks_and_keeps_every_block_in_order()
    {
        var paragraphs = Enumerable.Range(1, 50).Select(i => $"Paragraph {i} " + string.Join(' ', Enumerable.Repeat("word", 20))).ToList();

        var pages = ArticlePages.Of(string.Join("\n\n", paragraphs), pageBytes: 1_000);

        Assert.True(pages.Count > 5);
        Assert.Equal(paragraphs, pages.SelectMany(p => p).Select(b => b.Text));
        Assert.All(pages, page => Assert.InRange(page.Sum(ArticlePages.SizeOf), 1, 1_000));
    }

    [Fact]
    public void A_paragraph_longer_than_a_page_is_split_between_sentences_never_inside_a_word()
    {
        var sentences = Enumerable.Range(1, 200).Select(i => $"Sentence {i} says something useful about learning at work.").ToList();

        var pages = ArticlePages.Of(string.Join(' ', sentences), pageBytes: 2_000);

        Assert.True(pages.Count > 3);
        var pieces = pages.SelectMany(p => p).Select(b => b.Text).ToList();
        Assert.All(pieces, piece => Assert.EndsWith(".", piece, StringComparison.Ordinal));
        Assert.Equal(string.Join(' ', sentences), string.Join(' ', pieces));
        Assert.All(pages, page => Assert.InRange(page.Sum(ArticlePages.SizeOf), 1, 2_000));
    }

    [Fact]
    public void A_long_list_is_split_between_its_items()
    {
        var items = Enumerable.Range(1, 120).Select(i => $"- Item {i} of a very long checklist for new starters").ToList();

        var pages = ArticlePages.Of(string.Join('\n', items), pageBytes: 1_500);

        var lines = pages.SelectMany(p => p).SelectMany(b => b.Text.Split('\n')).ToList();
        Assert.Equal(items, lines);
        Assert.True(pages.Count > 3);
    }

    [Fact]
    public void Characters_escaped_on_the_wire_count_at_their_escaped_size()
    {
        var plain = ArticlePages.SizeOf(new ArticleBlock("Staff and volunteers"));
        var escaped = ArticlePages.SizeOf(new ArticleBlock("Staff & volunteers’"));

        Assert.True(escaped > plain + 5, $"{escaped} vs {plain}");
    }
}
