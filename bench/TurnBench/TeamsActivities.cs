using System.Buffers;
using System.Text.Json;

namespace LearningBot.Bench.TurnBench;

/// <summary>One simulated Teams user chatting 1:1 with the bot.</summary>
internal sealed record VirtualUser(int Number, string UserId, string AadObjectId, string ConversationId);

/// <summary>
/// Writes message activities shaped like the ones the Teams channel posts for a personal chat:
/// channel <c>msteams</c>, <c>29:</c> user ids with an AAD object id, the bot as <c>28:&lt;appId&gt;</c>,
/// a personal <c>a:</c> conversation carrying the tenant id, and <c>channelData.tenant</c>.
/// </summary>
internal sealed class TeamsActivities(Uri serviceUrl, IReadOnlyList<string> texts, bool benchPeople = false)
{
    /// <summary>
    /// With <c>--bench-people</c>, user n's Entra object id is the bench manager n that <c>turns.sh</c> seeds into the
    /// bot's people directory (and lists as liaison staff), with one direct report, <see cref="BenchReportId"/>.
    /// </summary>
    public static string BenchManagerId(int number) => $"00000000-0000-4000-8000-{number:D12}";

    public static string BenchReportId(int number) => $"00000000-0000-4000-9000-{number:D12}";

    /// <summary>The member of the L&amp;D Support Team that <c>turns.sh</c> seeds with the bench people.</summary>
    public const string BenchSupportTeamId = "00000000-0000-4000-7000-000000000001";

    /// <summary>
    /// <c>@LearningBot set expert channel</c> from <see cref="BenchSupportTeamId"/> in a team channel: the L&amp;D channel
    /// where the moderation cards of logged signals go.
    /// </summary>
    public byte[] ChooseExpertChannel(string activityId)
    {
        const string channel = "19:benchhub@thread.tacv2";
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteString("text", "<at>LearningBot</at> set expert channel");
            json.WriteString("id", activityId);
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            json.WriteString("channelId", "msteams");
            json.WriteString("serviceUrl", _serviceUrl);
            json.WriteStartObject("from");
            json.WriteString("id", "29:1benchsupport");
            json.WriteString("name", "Bench Support");
            json.WriteString("aadObjectId", BenchSupportTeamId);
            json.WriteEndObject();
            json.WriteStartObject("conversation");
            json.WriteString("conversationType", "channel");
            json.WriteBoolean("isGroup", true);
            json.WriteString("tenantId", _tenantId);
            json.WriteString("id", channel + ";messageid=" + activityId);
            json.WriteEndObject();
            json.WriteStartObject("recipient");
            json.WriteString("id", _botId);
            json.WriteString("name", "LearningBot");
            json.WriteEndObject();
            json.WriteStartArray("entities");
            json.WriteStartObject();
            json.WriteString("type", "mention");
            json.WriteString("text", "<at>LearningBot</at>");
            json.WriteStartObject("mentioned");
            json.WriteString("id", _botId);
            json.WriteString("name", "LearningBot");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("channelData");
            json.WriteStartObject("tenant");
            json.WriteString("id", _tenantId);
            json.WriteEndObject();
            json.WriteStartObject("team");
            json.WriteString("id", channel);
            json.WriteString("name", "Bench Learning Hub");
            json.WriteEndObject();
            json.WriteStartObject("channel");
            json.WriteString("id", channel);
            json.WriteString("name", "General");
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static readonly string RunTag = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..12];
    private readonly string _serviceUrl = serviceUrl.ToString();
    private readonly string _tenantId = Guid.NewGuid().ToString();
    private readonly string _botId = "28:" + Guid.NewGuid();
    private long _nextId = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
    private long _nextText = -1;

    public VirtualUser CreateUser(int number) => new(
        number,
        UserId: $"29:1bench{RunTag}{number:D4}",
        AadObjectId: benchPeople ? BenchManagerId(number) : Guid.NewGuid().ToString(),
        ConversationId: $"a:1bench{RunTag}{number:D4}");

    /// <summary>A fresh activity id, unique within the run (Teams message ids are numeric strings).</summary>
    public string NextActivityId() => Interlocked.Increment(ref _nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The texts in turn, so that a run of questions is not one question asked thousands of times.</summary>
    private string NextText() => texts[(int)((ulong)Interlocked.Increment(ref _nextText) % (ulong)texts.Count)];

    public byte[] Message(VirtualUser user, string activityId) => Activity(user, activityId, json =>
    {
        json.WriteString("text", NextText());
        json.WriteString("textFormat", "plain");
        json.WriteString("type", "message");
    });

    /// <summary>An <c>adaptiveCard/action</c> invoke: an Action.Execute button with <paramref name="verb"/> and <paramref name="data"/> pressed.</summary>
    public byte[] Invoke(VirtualUser user, string activityId, string verb, System.Text.Json.Nodes.JsonObject data) => Activity(user, activityId, json =>
    {
        json.WriteString("type", "invoke");
        json.WriteString("name", "adaptiveCard/action");
        json.WriteStartObject("value");
        json.WriteStartObject("action");
        json.WriteString("type", "Action.Execute");
        json.WriteString("verb", verb);
        json.WritePropertyName("data");
        data.WriteTo(json);
        json.WriteEndObject();
        json.WriteString("trigger", "manual");
        json.WriteEndObject();
    });

    private byte[] Activity(VirtualUser user, string activityId, Action<Utf8JsonWriter> writeKind)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            var now = DateTimeOffset.UtcNow;
            json.WriteStartObject();
            writeKind(json);
            json.WriteString("timestamp", now);
            json.WriteString("localTimestamp", now);
            json.WriteString("id", activityId);
            json.WriteString("channelId", "msteams");
            json.WriteString("serviceUrl", _serviceUrl);
            json.WriteStartObject("from");
            json.WriteString("id", user.UserId);
            json.WriteString("name", $"Bench User {user.Number}");
            json.WriteString("aadObjectId", user.AadObjectId);
            json.WriteEndObject();
            json.WriteStartObject("conversation");
            json.WriteString("conversationType", "personal");
            json.WriteString("tenantId", _tenantId);
            json.WriteString("id", user.ConversationId);
            json.WriteEndObject();
            json.WriteStartObject("recipient");
            json.WriteString("id", _botId);
            json.WriteString("name", "LearningBot");
            json.WriteEndObject();
            json.WriteStartArray("entities");
            json.WriteStartObject();
            json.WriteString("locale", "en-GB");
            json.WriteString("country", "GB");
            json.WriteString("platform", "Web");
            json.WriteString("timezone", "Europe/London");
            json.WriteString("type", "clientInfo");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteStartObject("channelData");
            json.WriteStartObject("tenant");
            json.WriteString("id", _tenantId);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteString("locale", "en-GB");
            json.WriteString("localTimezone", "Europe/London");
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
