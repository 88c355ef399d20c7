using LearningBot.OneStopShop.Answers;
using LearningBot.Tests.Cards;

namespace LearningBot.Tests.OneStopShop.Answers;

/// <summary>A long article's text in parts small enough for the editor card, which put back together are the text exactly.</summary>
public sealed class ArticleBodyPartsTests
{
    [Fact]
    public void A_short_text_is_one_part_the_whole_text()
    {
        var parts = ArticleBodyParts.Of("## Booking\nAsk your adviser.");

        Assert.Equal(1, parts.Count);
        Assert.Equal("## Booking\nAsk your adviser.", parts.Part(1));
    }

    [Fact]
    public void The_longest_article_is_cut_between_paragraphs_into_parts_that_each_fit_and_add_up_to_the_text()
    {
        var body = LargestCardData.LongArticle(KnowledgeArticleStore.MaxBodyLength);

        var parts = ArticleBodyParts.Of(body);

        Assert.InRange(parts.Count, 4, 8);
        Assert.Equal(body, parts.With(1, parts.Part(1)));
        for (var part = 1; part <= parts.Count; part++)
        {
            Assert.InRange(ArticleBodyParts.Bytes(parts.Part(part)), 1, ArticleBodyParts.PartBytes);
            Assert.False(parts.Part(part).StartsWith('\n'), "A part starts where a paragraph starts.");
        }
    }

    [Fact]
    public void Replacing_a_part_keeps_every_other_part_and_the_break_after_it()
    {
        var body = LargestCardData.LongArticle(20_000);
        var parts = ArticleBodyParts.Of(body);

        var replaced = parts.With(2, "A new second part.");

        Assert.StartsWith(parts.Part(1) + "\n\nA new second part.\n\n" + parts.Part(3), replaced, StringComparison.Ordinal);
        Assert.EndsWith(parts.Part(parts.Count), replaced, StringComparison.Ordinal);
        Assert.DoesNotContain(parts.Part(2), replaced, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_escaped_on_the_wire_is_measured_as_it_travels()
    {
        var body = string.Join("\n\n", Enumerable.Repeat(new string('’', 300), 20));

        var parts = ArticleBodyParts.Of(body);

        Assert.True(parts.Count > 1, "6,000 curly apostrophes take 36,000 bytes as JSON escapes.");
        Assert.All(Enumerable.Range(1, parts.Count), part => Assert.InRange(ArticleBodyParts.Bytes(parts.Part(part)), 1, ArticleBodyParts.PartBytes));
        Assert.Equal(body, parts.With(1, parts.Part(1)));
    }

    [Fact]
    public void A_word_longer_than_a_part_is_cut_but_never_inside_an_emoji()
    {
        var body = string.Concat(Enumerable.Repeat("😀a", 5_000));

        var parts = ArticleBodyParts.Of(body);

        Assert.True(parts.Count > 1);
        Assert.All(Enumerable.Range(1, parts.Count), part => Assert.False(char.IsHighSurrogate(parts.Part(part)[^1])));
        Assert.Equal(body, string.Concat(Enumerable.Range(1, parts.Count).Select(parts.Part)));
    }

    [Fact]
    public void The_version_changes_with_the_text()
    {
        Assert.Equal(ArticleBodyParts.Of("Text.").Version, ArticleBodyParts.VersionOf("Text."));
        Assert.NotEqual(ArticleBodyParts.VersionOf("Text."), ArticleBodyParts.VersionOf("Text!"));
    }
}
