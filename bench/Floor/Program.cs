using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using LearningBot.Bench.Floor;

// Receive an activity, post one text reply to its serviceUrl, answer 200: no auth, no state, no logic.
// With Claim:ConnectionString set it is "floor+claim": before replying it inserts one small row per activity into the
// table InboundClaims (what de-duplicating turns across instances minimally costs); a row already there (409) means
// the activity was seen, and it is answered 200 without a reply.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, FloorJson.Default));
builder.Services.AddSingleton(_ => new HttpClient(new SocketsHttpHandler
{
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseProxy = false,
}));

var claims = builder.Configuration["Claim:ConnectionString"] is { Length: > 0 } connectionString
    ? new TableClient(connectionString, "InboundClaims")
    : null;
if (claims is not null)
{
    await claims.CreateIfNotExistsAsync();
}

var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapPost("/api/messages", async (HttpRequest request, HttpClient http, CancellationToken ct) =>
{
    var inbound = await request.ReadFromJsonAsync(FloorJson.Default.InboundActivity, ct);
    if (inbound?.ServiceUrl is null || inbound.Conversation is null)
    {
        return Results.BadRequest();
    }

    if (claims is not null && !await ClaimAsync(claims, inbound, ct))
    {
        return Results.Ok();
    }

    var reply = new ReplyActivity("message", $"Echo: {inbound.Text}", inbound.Recipient, inbound.From, inbound.Conversation, inbound.Id);
    var url = $"{inbound.ServiceUrl.TrimEnd('/')}/v3/conversations/{Uri.EscapeDataString(inbound.Conversation.Id)}/activities/{Uri.EscapeDataString(inbound.Id ?? "")}";
    using var response = await http.PostAsJsonAsync(url, reply, FloorJson.Default.ReplyActivity, ct);
    return response.IsSuccessStatusCode ? Results.Ok() : Results.StatusCode(502);
});
app.Run();

// The claim the bot makes, at its least: one insert of a row keyed by the hashed ids, with the SDK's default options.
static async Task<bool> ClaimAsync(TableClient claims, InboundActivity inbound, CancellationToken ct)
{
    var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(inbound.Conversation!.Id, "\n", inbound.Id)));
    var row = new TableEntity(Convert.ToHexStringLower(hash.AsSpan(0, 1)), Convert.ToHexStringLower(hash)) { ["Finished"] = true };
    try
    {
        await claims.AddEntityAsync(row, ct);
        return true;
    }
    catch (RequestFailedException conflict) when (conflict.Status == 409)
    {
        return false;
    }
}
