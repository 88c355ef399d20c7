using System.Text.Json;
using LearningBot.Connector.Hosting;

namespace LearningBot.Tests.Connector;

/// <summary>Reading a card press's data the way Teams sends it, without throwing on what a client made up.</summary>
public sealed class CardActionRequestTests
{
    private static CardActionRequest Press(string json) => new("verb", JsonDocument.Parse(json).RootElement.Clone());

    [Fact]
    public void Numbers_and_flags_are_read_whether_they_arrive_as_json_values_or_as_strings()
    {
        var press = Press("""{ "step": 3, "revision": "7", "helpful": "false", "isNew": true, "title": "Ward 7" }""");

        Assert.Equal(3, press.GetInt("step"));
        Assert.Equal(7, press.GetInt("revision"));
        Assert.False(press.GetBool("helpful"));
        Assert.True(press.GetBool("isNew"));
        Assert.Equal("Ward 7", press.GetString("title"));
    }

    [Theory]
    [InlineData("""{ "step": "three", "helpful": "maybe", "title": 4 }""")]
    [InlineData("""{ "step": 2.5, "helpful": 1, "title": null }""")]
    [InlineData("""{ "step": 99999999999, "helpful": {}, "title": [] }""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    [InlineData("\"just text\"")]
    public void Missing_or_malformed_values_are_null(string json)
    {
        var press = Press(json);

        Assert.Null(press.GetInt("step"));
        Assert.Null(press.GetBool("helpful"));
        Assert.Null(press.GetString("title"));
    }

    [Fact]
    public void Submitted_values_are_a_copy_and_empty_when_the_press_carried_none()
    {
        var press = Press("""{ "verb": "ask.send", "question": "how do I book?" }""");

        var submitted = press.Submitted();
        submitted["question"] = "changed";

        Assert.Equal("how do I book?", press.GetString("question"));
        Assert.Empty(Press("\"text\"").Submitted());
    }
}
