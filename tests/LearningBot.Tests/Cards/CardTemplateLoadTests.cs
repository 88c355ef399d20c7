using System.Text.Json.Nodes;
using LearningBot.Cards;

namespace LearningBot.Tests.Cards;

/// <summary>Anything the binder does not support is refused when the template loads, naming the card and the expression.</summary>
public sealed class CardTemplateLoadTests
{
    public static TheoryData<string, string, string> Unsupported => new()
    {
        { "unknown function", """{ "v": "${concat(a, b)}" }""", "${concat(a, b)}" },
        { "function name in another case", """{ "v": "${Count(a)}" }""", "${Count(a)}" },
        { "two arguments", """{ "v": "${count(a, b)}" }""", "${count(a, b)}" },
        { "arithmetic", """{ "v": "${a + 1}" }""", "${a + 1}" },
        { "minus sign", """{ "v": "${-a}" }""", "${-a}" },
        { "conditional operator", """{ "v": "${a ? b : c}" }""", "${a ? b : c}" },
        { "single equals", """{ "v": "${a = 1}" }""", "${a = 1}" },
        { "old not-equal", """{ "v": "${a <> 1}" }""", "${a <> 1}" },
        { "string index", """{ "v": "${a['b']}" }""", "${a['b']}" },
        { "computed index", """{ "v": "${a[i]}" }""", "${a[i]}" },
        { "host data", """{ "v": "${$host.x}" }""", "${$host.x}" },
        { "hyphenated name", """{ "v": "${first-name}" }""", "${first-name}" },
        { "empty expression", """{ "v": "Hi ${}" }""", "${}" },
        { "unterminated expression", """{ "v": "Hi ${name" }""", "${name}" },
        { "unbalanced parenthesis", """{ "v": "${!(a}" }""", "${!(a}" },
        { "constant expression", """{ "v": "${'text'}" }""", "${'text'}" },
        { "constant condition", """{ "v": [{ "$when": "${true}", "a": 1 }] }""", "${true}" },
        { "missing operand", """{ "v": "${a &&}" }""", "${a &&}" },
        { "backtick in text with expressions", """{ "v": "Use `code` ${a}" }""", "Use `code` ${a}" },
        { "backslash in text with expressions", """{ "v": "C:\\temp ${a}" }""", "C:\\temp ${a}" },
    };

    public static TheoryData<string, string> MalformedStructure => new()
    {
        { "when that is not an expression", """{ "v": [{ "$when": true, "a": 1 }] }""" },
        { "when with text around the expression", """{ "v": [{ "$when": "${a} and ${b}", "a": 1 }] }""" },
        { "data given as a literal list", """{ "v": [{ "$data": [1, 2], "a": 1 }] }""" },
        { "data on the card itself", """{ "$data": "${items}", "type": "AdaptiveCard" }""" },
        { "when on the card itself", """{ "$when": "${a}", "type": "AdaptiveCard" }""" },
        { "reserved $root key", """{ "$root": 1 }""" },
        { "reserved $index key", """{ "v": { "$index": 1 } }""" },
        { "not an object", """[1, 2]""" },
        { "not JSON", """{ "v": """ },
    };

    [Theory]
    [MemberData(nameof(Unsupported))]
    public void Refuses_unsupported_expressions_naming_card_and_expression(string feature, string template, string expression)
    {
        var thrown = Assert.Throws<CardTemplateException>(() => CardTemplate.Parse("sample-card", template));

        Assert.Equal("sample-card", thrown.TemplateName);
        Assert.Equal(expression, thrown.Expression);
        Assert.Contains("sample-card", thrown.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(thrown.Reason), feature);
    }

    [Theory]
    [MemberData(nameof(MalformedStructure))]
    public void Refuses_malformed_templates(string feature, string template)
    {
        var thrown = Assert.Throws<CardTemplateException>(() => CardTemplate.Parse("sample-card", template));

        Assert.Equal("sample-card", thrown.TemplateName);
        Assert.False(string.IsNullOrWhiteSpace(thrown.Reason), feature);
    }

    [Fact]
    public void Unsupported_function_message_says_what_is_supported()
    {
        var thrown = Assert.Throws<CardTemplateException>(() => CardTemplate.Parse("sample-card", """{ "v": "${formatDateTime(when)}" }"""));

        Assert.Contains("'formatDateTime' is not supported", thrown.Reason, StringComparison.Ordinal);
        Assert.Contains("empty() and count()", thrown.Reason, StringComparison.Ordinal);
        Assert.Contains("$.v", thrown.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Loading_a_file_names_the_card_after_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("cards-");
        try
        {
            var file = Path.Combine(dir.FullName, "broken-card.json");
            File.WriteAllText(file, """{ "type": "AdaptiveCard", "body": [{ "type": "TextBlock", "text": "${upper(name)}" }] }""");

            var thrown = Assert.Throws<CardTemplateException>(() => CardTemplate.Load(file));

            Assert.Equal("broken-card", thrown.TemplateName);
            Assert.Equal("${upper(name)}", thrown.Expression);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Text_without_expressions_may_hold_any_characters()
    {
        var card = CardTemplate.Parse("plain", """{ "v": "C:\\temp `code` $ { } $name" }""").Bind((JsonNode?)null);

        Assert.Equal("C:\\temp `code` $ { } $name", card["v"]!.GetValue<string>());
    }
}
