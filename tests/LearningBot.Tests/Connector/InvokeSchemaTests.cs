using System.Text.Json;
using System.Text.Json.Nodes;
using LearningBot.Connector;
using LearningBot.Connector.Schema;

namespace LearningBot.Tests.Connector;

public sealed class InvokeSchemaTests
{
    private static readonly JsonObject Card = new() { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray() };

    private static JsonNode Wire(object value) => JsonNode.Parse(JsonSerializer.Serialize(value, BotJson.Options))!;

    [Fact]
    public void A_card_answer_to_Action_Execute_replaces_the_card()
    {
        var response = AdaptiveCardInvokeResponse.Card(Card);

        var wire = Wire(response);

        Assert.Equal(200, (int)wire["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)wire["type"]);
        Assert.Equal("AdaptiveCard", (string?)wire["value"]!["type"]);
        Assert.Equal(200, response.ToInvokeResponse().Status);
    }

    [Fact]
    public void A_message_answer_to_Action_Execute_shows_text()
    {
        var wire = Wire(AdaptiveCardInvokeResponse.Message("Booked"));

        Assert.Equal("application/vnd.microsoft.activity.message", (string?)wire["type"]);
        Assert.Equal("Booked", (string?)wire["value"]);
    }

    [Fact]
    public void An_error_answer_to_Action_Execute_carries_code_and_message_with_HTTP_200()
    {
        var response = AdaptiveCardInvokeResponse.Error(400, "BadRequest", "Missing course");

        var wire = Wire(response);

        Assert.Equal(400, (int)wire["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)wire["type"]);
        Assert.Equal("BadRequest", (string?)wire["value"]!["code"]);
        Assert.Equal("Missing course", (string?)wire["value"]!["message"]);
        Assert.Equal(200, response.ToInvokeResponse().Status);
    }

    [Fact]
    public void A_task_module_continue_answer_carries_the_card_attachment()
    {
        var wire = Wire(TaskModuleResponse.Continue(Card, "Book a course", "medium", 600));

        var task = wire["task"]!;
        Assert.Equal("continue", (string?)task["type"]);
        Assert.Equal("Book a course", (string?)task["value"]!["title"]);
        Assert.Equal("medium", (string?)task["value"]!["height"]);
        Assert.Equal(600, (int)task["value"]!["width"]!);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)task["value"]!["card"]!["contentType"]);
        Assert.Equal("1.5", (string?)task["value"]!["card"]!["content"]!["version"]);
    }

    [Fact]
    public void A_task_module_message_answer_is_text()
    {
        var wire = Wire(TaskModuleResponse.Message("Thanks, you are booked"));

        Assert.Equal("message", (string?)wire["task"]!["type"]);
        Assert.Equal("Thanks, you are booked", (string?)wire["task"]!["value"]);
    }

    [Fact]
    public void A_task_fetch_value_is_read_with_its_data_and_theme()
    {
        var activity = JsonSerializer.Deserialize<Activity>("""
            {"type":"invoke","name":"task/fetch","value":{"data":{"msteams":{"type":"task/fetch"},"courseId":"MH-101"},"context":{"theme":"dark"},"tabContext":{"tabEntityId":"x"}}}
            """, BotJson.Options)!;

        var request = activity.GetValue<TaskModuleRequest>()!;

        Assert.Equal("dark", request.Context!.Theme);
        Assert.Equal("MH-101", request.Data!.Value.GetProperty("courseId").GetString());
        Assert.True(request.Properties!.ContainsKey("tabContext"));
    }
}
