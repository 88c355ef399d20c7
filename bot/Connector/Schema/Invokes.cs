using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LearningBot.Connector.Schema;

/// <summary>Invoke names the bot answers.</summary>
public static class InvokeNames
{
    public const string AdaptiveCardAction = "adaptiveCard/action";
    public const string TaskFetch = "task/fetch";
    public const string TaskSubmit = "task/submit";
}

/// <summary>Content types used in invoke responses and card attachments.</summary>
public static class ContentTypes
{
    public const string AdaptiveCard = "application/vnd.microsoft.card.adaptive";
    public const string ActivityMessage = "application/vnd.microsoft.activity.message";
    public const string Error = "application/vnd.microsoft.error";
    public const string LoginRequest = "application/vnd.microsoft.activity.loginRequest";
}

/// <summary>The <c>value</c> of an <c>adaptiveCard/action</c> invoke (Action.Execute).</summary>
public sealed record AdaptiveCardInvokeValue
{
    public AdaptiveCardInvokeAction? Action { get; init; }

    /// <summary><c>manual</c> when the user pressed the button, <c>automatic</c> for a refresh.</summary>
    public string? Trigger { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record AdaptiveCardInvokeAction
{
    public const string ExecuteType = "Action.Execute";

    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? Verb { get; init; }
    public JsonElement? Data { get; init; }
}

/// <summary>The body of the HTTP 200 answer to an <c>adaptiveCard/action</c> invoke.</summary>
public sealed record AdaptiveCardInvokeResponse
{
    public int StatusCode { get; init; }
    public string? Type { get; init; }
    public object? Value { get; init; }

    /// <summary>Replaces the card the user acted on.</summary>
    public static AdaptiveCardInvokeResponse Card(object card) =>
        new() { StatusCode = 200, Type = ContentTypes.AdaptiveCard, Value = card };

    /// <summary>Shows a short message to the user instead of changing the card.</summary>
    public static AdaptiveCardInvokeResponse Message(string text) =>
        new() { StatusCode = 200, Type = ContentTypes.ActivityMessage, Value = text };

    /// <summary>An error the client shows; <paramref name="statusCode"/> is 400 or 500.</summary>
    public static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) =>
        new() { StatusCode = statusCode, Type = ContentTypes.Error, Value = new ErrorDetail(code, message) };

    /// <summary>The invoke's wire answer: always HTTP 200 with this record as the body.</summary>
    public InvokeResponse ToInvokeResponse() => new(200, this);
}

/// <summary>The <c>value</c> of a <c>task/fetch</c> or <c>task/submit</c> invoke.</summary>
public sealed record TaskModuleRequest
{
    public JsonElement? Data { get; init; }
    public TaskModuleRequestContext? Context { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Properties { get; init; }
}

public sealed record TaskModuleRequestContext
{
    public string? Theme { get; init; }
}

/// <summary>The answer to a task module invoke: <c>{task:{type:"continue"|"message", value}}</c>.</summary>
public sealed record TaskModuleResponse
{
    public TaskModuleResponseTask? Task { get; init; }

    /// <summary>Opens (or keeps open) a dialog showing an Adaptive Card.</summary>
    public static TaskModuleResponse Continue(object card, string? title = null, object? height = null, object? width = null) =>
        new()
        {
            Task = new TaskModuleResponseTask
            {
                Type = "continue",
                Value = new TaskModuleTaskInfo
                {
                    Title = title,
                    Height = height,
                    Width = width,
                    Card = new Attachment { ContentType = ContentTypes.AdaptiveCard, Content = card as JsonNode ?? JsonSerializer.SerializeToNode(card, BotJson.Options) },
                },
            },
        };

    /// <summary>Closes the dialog and shows a short message.</summary>
    public static TaskModuleResponse Message(string text) =>
        new() { Task = new TaskModuleResponseTask { Type = "message", Value = text } };

    public InvokeResponse ToInvokeResponse() => new(200, this);
}

public sealed record TaskModuleResponseTask
{
    public string? Type { get; init; }
    public object? Value { get; init; }
}

/// <summary>Dialog details; <c>height</c>/<c>width</c> are pixels or <c>small|medium|large</c>.</summary>
public sealed record TaskModuleTaskInfo
{
    public string? Title { get; init; }
    public object? Height { get; init; }
    public object? Width { get; init; }
    public Attachment? Card { get; init; }
    public string? Url { get; init; }
    public string? FallbackUrl { get; init; }
}
