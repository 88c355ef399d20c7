using System.Text;
using System.Text.Json;
using LearningBot.Cards;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Cards;

/// <summary>
/// <see cref="CardText.Literal"/>: what a person typed renders as typed in a Markdown <c>TextBlock</c>. Checked
/// against CommonMark's rule (a backslash before ASCII punctuation shows the punctuation itself): reading the escaped
/// text back gives the original, and no Markdown character is left unescaped.
/// </summary>
public sealed class CardTextTests
{
    private const string Special = "\\*_[]()#-+!`~>|<{}";

    [Fact]
    public void A_short_question_is_echoed_whole()
    {
        Assert.Equal("how do I find a mentor?", CardText.Echo("how do I find a mentor?"));
    }

    [Fact]
    public void A_long_question_is_echoed_cut_at_a_word_with_an_ellipsis()
    {
        var question = string.Concat(Enumerable.Repeat("I work nights in a care home and want to learn more. ", 10));

        var echoed = CardText.Echo(question);

        Assert.True(echoed.Length <= CardText.EchoLength, $"{echoed.Length} characters");
        Assert.EndsWith(" want…", echoed, StringComparison.Ordinal);
        Assert.StartsWith("I work nights", echoed, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_notes_show_in_development_and_only_when_asked_elsewhere()
    {
        static SampleNotes Notes(string environment, bool? show) =>
            new(Microsoft.Extensions.Options.Options.Create(new CardsOptions { ShowSampleNotes = show }), new TestHostEnvironment(environment));

        Assert.Equal("Sample people", Notes("Development", null).Of("Sample people"));
        Assert.Null(Notes("Production", null).Of("Sample people"));
        Assert.Equal("Sample people", Notes("Production", true).Of("Sample people"));
        Assert.Null(Notes("Development", false).Of("Sample people"));
    }

    [Fact]
    public void A_markdown_link_shows_as_the_text_typed()
    {
        var literal = CardText.Literal("[Re-verify your NHSmail](https://evil.example)");

        Assert.Equal(@"\[Re\-verify your NHSmail\]\(https://evil.example\)", literal);
    }

    [Theory]
    [InlineData("**bold** and _italic_", @"\*\*bold\*\* and \_italic\_")]
    [InlineData("# Heading", @"\# Heading")]
    [InlineData("- item\n+ item\n* item", "\\- item\n\\+ item\n\\* item")]
    [InlineData("1. first\n2) second\n  10. tenth", "1\\. first\n2\\) second\n  10\\. tenth")]
    [InlineData("> quoted", @"\> quoted")]
    [InlineData("`code` and ~~struck~~", @"\`code\` and \~\~struck\~\~")]
    [InlineData("![image](https://x.example/a.png)", @"\!\[image\]\(https://x.example/a.png\)")]
    [InlineData("<https://evil.example>", @"\<https://evil.example\>")]
    [InlineData("a | table | row", @"a \| table \| row")]
    [InlineData("{{DATE(2017-02-14T06:08:39Z, SHORT)}}", @"\{\{DATE\(2017\-02\-14T06:08:39Z, SHORT\)\}\}")]
    [InlineData("Title\n===", "Title\n\\===")]
    [InlineData("&amp; and &#169; but L&D", @"\&amp; and \&\#169; but L&D")]
    [InlineData(@"C:\temp", @"C:\\temp")]
    public void Escapes_every_markdown_construct(string typed, string expected) =>
        Assert.Equal(expected, CardText.Literal(typed));

    [Theory]
    [InlineData("Is there funding for a Level 3 diploma in adult care for our bank staff?")]
    [InlineData("Version 1.2 of the policy, 3 sessions.")]
    [InlineData("")]
    public void Leaves_plain_text_as_it_is(string typed) =>
        Assert.Equal(typed, CardText.Literal(typed));

    [Fact]
    public void Null_is_empty() => Assert.Equal(string.Empty, CardText.Literal(null));

    [Theory]
    [MemberData(nameof(TypedTexts))]
    public void Reads_back_as_typed_with_nothing_left_for_markdown(string typed)
    {
        var literal = CardText.Literal(typed);

        Assert.Equal(typed, CommonMarkUnescape(literal));
        Assert.Null(FirstUnescaped(literal));
    }

    public static TheoryData<string> TypedTexts()
    {
        var data = new TheoryData<string>
        {
            "[Re-verify your NHSmail](https://evil.example)",
            "\\[not a link\\](x)",
            "\\\\*still* text",
            "1. a\n 2. b\n\n- c\n---\n***",
            "<b>bold</b> &nbsp; &#x27; x_y_z",
        };

        using var corpus = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "LearningBot.Tests", "Privacy", "scrubber-corpus.json")));
        foreach (var entry in corpus.RootElement.GetProperty("identifiers").EnumerateArray().Take(40))
        {
            data.Add(entry.GetProperty("text").GetString()!);
        }

        return data;
    }

    /// <summary>CommonMark: a backslash before an ASCII punctuation character stands for that character.</summary>
    private static string CommonMarkUnescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) is false && text[i + 1] is > ' ' and < '\u007f')
            {
                i++;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }

    /// <summary>The first Markdown character not preceded by its escaping backslash, or null when there is none.</summary>
    private static string? FirstUnescaped(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && Special.Contains(text[i + 1], StringComparison.Ordinal) || (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '.' or '=' or '&'))
            {
                i++;
                continue;
            }

            if (Special.Contains(text[i], StringComparison.Ordinal))
            {
                return $"'{text[i]}' at {i} in {text}";
            }
        }

        return null;
    }
}
