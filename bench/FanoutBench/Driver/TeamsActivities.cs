using System.Globalization;
using System.Text.Json.Nodes;

namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>
/// Activities shaped as the Teams channel posts them for a personal chat: channel <c>msteams</c>, the person as
/// <c>29:…</c> with their Entra object id, the bot as <c>28:…</c>, a personal <c>a:…</c> conversation with the tenant,
/// and <c>channelData.tenant</c>.
/// </summary>
internal sealed class TeamsActivities(Uri serviceUrl)
{
    private long _nextId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;

    public string NextId() => Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);

    /// <summary>What Teams sends when a person installs the bot: the bot added to their personal chat.</summary>
    public JsonObject BotAdded(BenchPerson person) =>
        Base("conversationUpdate", person, NextId()).With("membersAdded", new JsonArray(new JsonObject { ["id"] = BenchIds.BotId }));

    public JsonObject Message(BenchPerson person, string text, string id) =>
        Base("message", person, id).With("text", text).With("textFormat", "plain");

    /// <summary>An Adaptive Card <c>Action.Execute</c> press (invoke <c>adaptiveCard/action</c>).</summary>
    public JsonObject Execute(BenchPerson person, string verb, JsonObject data) =>
        Base("invoke", person, NextId())
            .With("name", "adaptiveCard/action")
            .With("value", new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
                ["trigger"] = "manual",
            });

    private JsonObject Base(string type, BenchPerson person, string id) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        ["serviceUrl"] = serviceUrl.ToString(),
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = person.TeamsUserId, ["name"] = person.Name, ["aadObjectId"] = person.Id },
        ["recipient"] = new JsonObject { ["id"] = BenchIds.BotId, ["name"] = BenchIds.BotName },
        ["conversation"] = new JsonObject
        {
            ["id"] = person.ChatId,
            ["conversationType"] = "personal",
            ["tenantId"] = BenchIds.TenantId,
        },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BenchIds.TenantId } },
        ["locale"] = "en-GB",
    };
}
