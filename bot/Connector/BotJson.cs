using System.Text.Json;
using System.Text.Json.Serialization;

namespace LearningBot.Connector;

/// <summary>The one set of JSON options for the Bot Connector wire format: camelCase, nulls left out.</summary>
public static class BotJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
