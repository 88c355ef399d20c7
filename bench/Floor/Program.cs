using System.Text.Json.Serialization;
using LearningBot.Bench.Floor;

// Receive an activity, post one text reply to its serviceUrl, answer 200: no auth, no state, no logic.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FloorJson.Default));
builder.Services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler
{
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
}));

var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapPost("/api/messages", async (HttpRequest request, HttpClient http, CancellationToken ct) =>
{
    var inbound = await request.ReadFromJsonAsync(FloorJson.Default.InboundActivity, ct);
    if (inbound?.ServiceUrl is null || inbound.Conversation is null)
    {
        return Results.BadRequest();
    }

    var reply = new ReplyActivity("message", $"Echo: {inbound.Text}", inbound.Recipient, inbound.From, inbound.Conversation, inbound.Id);
    var url = $"{inbound.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(inbound.Conversation.Id)}/activities/{Uri.EscapeDataString(inbound.Id ?? "")}";
    using var response = await http.PostAsJsonAsync(url, reply, FloorJson.Default.ReplyActivity, ct);
    return response.IsSuccessStatusCode ? Results.Ok() : Results.StatusCode(502);
});
app.Run();
