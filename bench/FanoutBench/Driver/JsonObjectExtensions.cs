using System.Text.Json.Nodes;

namespace LearningBot.Bench.FanoutBench.Driver;

internal static class JsonObjectExtensions
{
    public static JsonObject With(this JsonObject json, string name, JsonNode? value)
    {
        json[name] = value;
        return json;
    }
}
