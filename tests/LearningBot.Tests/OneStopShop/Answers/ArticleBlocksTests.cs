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

        var blocks = ArticleBlocks.Of(markdown);

        Assert.Collection(
            blocks,
            b => Assert.Equal(new ArticleBlock("What it is", "Bolder", "Medium", "Medium"), b),
            b => Assert.Equal("A mentor listens and asks questions.", b.Text),
            b => Assert.Equal("- Ask the **network**\n- Agree [ground rules](https://example.org/rules)", b.Text),
            b => Assert.Equal("1. First\n2. Second", b.Text),
            b => Assert.Equal(new ArticleBlock("Small heading", "Bolder", "Default", "Medium"), b),
            b => Assert.Equal("code and html diagram", b.Text));
    }
}
