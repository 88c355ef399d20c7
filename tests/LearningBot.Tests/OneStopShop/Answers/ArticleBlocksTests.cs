using LearningBot.OneStopShop.Answers;

namespace LearningBot.Tests.OneStopShop.Answers;

public sealed class ArticleBlocksTests
{
    [Fact]
    public void Turns_headings_paragraphs_and_lists_into_text_blocks()
    {
        const string markdown = """
            ## What it is
            A mentor listens
            and asks questions.

            - Ask the **network**
            - Agree [ground rules](https://example.org/rules)

            1. First
            2. Second
            ### Small heading
            `code` and <b>html</b> ![diagram](d.png)
            """;

        var layout = ArticleBlocks.Layout(markdown);

        Assert.False(layout.Truncated);
        Assert.Collection(
            layout.Blocks,
            b => Assert.Equal(new ArticleBlock("What it is", "Bolder", "Medium", "Medium"), b),
            b => Assert.Equal("A mentor listens and asks questions.", b.Text),
            b => Assert.Equal("- Ask the **network**\n- Agree [ground rules](https://example.org/rules)", b.Text),
            b => Assert.Equal("1. First\n2. Second", b.Text),
            b => Assert.Equal(new ArticleBlock("Small heading", "Bolder", "Default", "Medium"), b),
            b => Assert.Equal("code and html diagram", b.Text));
    }

    [Fact]
    public void Cuts_a_long_article_at_a_block_boundary_and_says_so()
    {
        var markdown = string.Join("\n\n", Enumerable.Range(1, 50).Select(i => $"Paragraph {i} " + new string('x', 100)));

        var layout = ArticleBlocks.Layout(markdown, characterBudget: 1_010);

        Assert.True(layout.Truncated);
        Assert.Equal(9, layout.Blocks.Count);
        Assert.StartsWith("Paragraph 9 ", layout.Blocks[^1].Text, StringComparison.Ordinal);
    }
}
