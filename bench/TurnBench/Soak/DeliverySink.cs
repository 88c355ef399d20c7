using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LearningBot.Bench.TurnBench.Soak;

/// <summary>
/// The Bot Connector for the soak's delivery, on the port the bot's <c>Delivery:Reach:ServiceUrl</c> names: the
/// recipients' chats, the announcer's chat (where the progress card goes) and the chats the bot opens itself all live
/// here, apart from the sink of the measured turns. It answers the calls a delivery makes as the Bot Connector does
/// (<c>POST v3/conversations</c> with the new chat's id, activities with <c>{"id"}</c>, updates, deletes, members) and
/// records which soak announcement each recipient's chat received, and how often.
/// </summary>
internal sealed partial class DeliverySink : IAsyncDisposable
{
    public const string ChatPrefix = "a:soak-";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Dictionary<string, int>> _received = [];
    private long _ids;
    private long _messages;
    private long _calls;
    private long _created;

    private DeliverySink(WebApplication app) => _app = app;

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Announcement messages received in recipients' chats, duplicates included.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Every call the bot made here.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Chats the bot opened (<c>POST v3/conversations</c>).</summary>
    public long Created => Interlocked.Read(ref _created);

    public static string ChatOf(string personId) => ChatPrefix + personId;

    /// <summary>What the announcement numbered <paramref name="number"/> says, so that its messages can be told apart.</summary>
    public static string Title(int number) => string.Create(CultureInfo.InvariantCulture, $"Soak announcement number {number}");

    public static async Task<DeliverySink> StartAsync(int port, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var sink = new DeliverySink(app);
        app.MapPost("/v3/conversations", sink.CreateAsync);
        app.Map("/v3/conversations/{conversationId}/{**rest}", sink.ConversationAsync);
        await app.StartAsync(ct);
        sink.ServiceUrl = new Uri($"http://127.0.0.1:{port}/");
        return sink;
    }

    /// <summary>How each person's chat received the announcement: person id to the number of copies.</summary>
    public IReadOnlyDictionary<string, int> Received(int announcement)
    {
        lock (_gate)
        {
            return _received.TryGetValue(announcement, out var people) ? new Dictionary<string, int>(people, StringComparer.Ordinal) : [];
        }
    }

    /// <summary>How many people have the announcement at least once.</summary>
    public int Reached(int announcement)
    {
        lock (_gate)
        {
            return _received.TryGetValue(announcement, out var people) ? people.Count : 0;
        }
    }

    private async Task CreateAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        using var body = await ReadAsync(context);
        var member = body?.RootElement.TryGetProperty("members", out var members) == true && members.ValueKind == JsonValueKind.Array && members.GetArrayLength() == 1
            ? members[0]
            : default;
        var person = member.ValueKind == JsonValueKind.Object
            ? StringOf(member, "aadObjectId") ?? StringOf(member, "id")
            : null;
        if (person is null)
        {
            await WriteAsync(context, HttpStatusCode.BadRequest, """{"error":{"code":"BadArgument","message":"A personal conversation needs one member."}}""");
            return;
        }

        Interlocked.Increment(ref _created);
        var conversationId = ChatOf(person);
        if (body!.RootElement.TryGetProperty("activity", out var first) && first.ValueKind == JsonValueKind.Object)
        {
            Record(conversationId, first.GetRawText());
        }

        await WriteAsync(context, HttpStatusCode.Created, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["id"] = conversationId,
            ["serviceUrl"] = ServiceUrl.ToString(),
        }));
    }

    private async Task ConversationAsync(HttpContext context)
    {
        Interlocked.Increment(ref _calls);
        var conversationId = (string)context.Request.RouteValues["conversationId"]!;
        var rest = context.Request.RouteValues["rest"] as string ?? "";
        if (HttpMethods.IsPost(context.Request.Method) && rest.StartsWith("activities", StringComparison.Ordinal))
        {
            using var reader = new StreamReader(context.Request.Body);
            Record(conversationId, await reader.ReadToEndAsync(context.RequestAborted));
        }
        else
        {
            // Updates of the progress card, deletes, member look-ups: answered, not recorded.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }

        var id = Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
        await WriteAsync(context, HttpMethods.IsPost(context.Request.Method) ? HttpStatusCode.Created : HttpStatusCode.OK, $"{{\"id\":\"{id}\"}}");
    }

    /// <summary>A message in a chat that names a soak announcement counts for that announcement and the chat's person.</summary>
    private void Record(string conversationId, string activity)
    {
        if (!conversationId.StartsWith(ChatPrefix, StringComparison.Ordinal) || AnnouncementNumber().Match(activity) is not { Success: true } match)
        {
            return;
        }

        var number = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var person = conversationId[ChatPrefix.Length..];
        Interlocked.Increment(ref _messages);
        lock (_gate)
        {
            if (!_received.TryGetValue(number, out var people))
            {
                people = new Dictionary<string, int>(StringComparer.Ordinal);
                _received[number] = people;
            }

            people[person] = people.GetValueOrDefault(person) + 1;
        }
    }

    // The title appears in the card and in the summary; one match is enough.
    [GeneratedRegex(@"Soak announcement number (\d+)")]
    private static partial Regex AnnouncementNumber();

    private static async Task<JsonDocument?> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static async Task WriteAsync(HttpContext context, HttpStatusCode status, string json)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
