using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LearningBot.Bench.TurnBench;

/// <summary>When a turn's reply reached the sink, whether it carried an Adaptive Card, and its body when asked for.</summary>
internal readonly record struct ReplyArrival(long Timestamp, bool HasAdaptiveCard, byte[]? Body = null);

/// <summary>
/// A loopback stand-in for the Bot Connector: accepts every conversation call the bot makes,
/// answers <c>{"id":"..."}</c>, and completes the waiting turn when a <c>message</c> whose
/// <c>replyToId</c> matches arrives (the arrival time is taken before the body is read).
/// </summary>
internal sealed class ConnectorSink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ReplyArrival>> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _keepBody = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private long _replyIds;
    private long _calls;
    private long _unmatched;
    private long _bytes;

    private ConnectorSink(WebApplication app) => _app = app;

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Every call the bot made to the connector, replies included.</summary>
    public long Calls => Interlocked.Read(ref _calls);

    /// <summary>Request body bytes of every call the bot made to the connector.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Messages whose replyToId matched no waiting turn (late, duplicate or unknown).</summary>
    public long Unmatched => Interlocked.Read(ref _unmatched);

    public static async Task<ConnectorSink> StartAsync(CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var sink = new ConnectorSink(app);
        app.Map("/v3/{**path}", sink.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return sink;
    }

    /// <summary>Registers a turn before its activity is posted; the task yields the reply's arrival.</summary>
    /// <param name="keepBody">Keep the reply's JSON (set-up turns that read the card they got; never measured ones).</param>
    public Task<ReplyArrival> Expect(string activityId, bool keepBody = false)
    {
        var arrival = new TaskCompletionSource<ReplyArrival>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (keepBody)
        {
            _keepBody[activityId] = true;
        }

        _waiting[activityId] = arrival;
        return arrival.Task;
    }

    public void Forget(string activityId)
    {
        _waiting.TryRemove(activityId, out _);
        _keepBody.TryRemove(activityId, out _);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _calls);
        var (type, replyToId, hasCard, length, body) = await ReadReplyAsync(context.Request.BodyReader, context.RequestAborted);
        Interlocked.Add(ref _bytes, length);
        if (type == "message" && replyToId is not null)
        {
            if (_waiting.TryRemove(replyToId, out var turn))
            {
                turn.TrySetResult(new ReplyArrival(arrived, hasCard, _keepBody.TryRemove(replyToId, out _) ? body : null));
            }
            else
            {
                Interlocked.Increment(ref _unmatched);
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($"{{\"id\":\"{Interlocked.Increment(ref _replyIds)}\"}}", context.RequestAborted);
    }

    private async Task<(string? Type, string? ReplyToId, bool HasCard, long Length, byte[]? Body)> ReadReplyAsync(PipeReader body, CancellationToken ct)
    {
        while (true)
        {
            var read = await body.ReadAsync(ct);
            if (read.IsCompleted)
            {
                var (type, replyToId, hasCard) = FindTopLevel(read.Buffer);
                var length = read.Buffer.Length;
                var kept = !_keepBody.IsEmpty && replyToId is not null && _keepBody.ContainsKey(replyToId) ? read.Buffer.ToArray() : null;
                body.AdvanceTo(read.Buffer.End);
                return (type, replyToId, hasCard, length, kept);
            }

            body.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static (string? Type, string? ReplyToId, bool HasCard) FindTopLevel(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        string? type = null, replyToId = null;
        var hasCard = false;
        try
        {
            if (json.IsEmpty || !reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null, false);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("type"u8);
                var isReplyTo = reader.ValueTextEquals("replyToId"u8);
                var isAttachments = reader.ValueTextEquals("attachments"u8);
                reader.Read();
                if (isType && reader.TokenType == JsonTokenType.String)
                {
                    type = reader.GetString();
                }
                else if (isReplyTo && reader.TokenType == JsonTokenType.String)
                {
                    replyToId = reader.GetString();
                }
                else if (isAttachments && reader.TokenType == JsonTokenType.StartArray)
                {
                    hasCard = HasAdaptiveCard(ref reader);
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return (null, null, false);
        }

        return (type, replyToId, hasCard);
    }

    /// <summary>Walks an attachments array, looking for the Adaptive Card content type.</summary>
    private static bool HasAdaptiveCard(ref Utf8JsonReader reader)
    {
        var found = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isContentType = reader.ValueTextEquals("contentType"u8);
                reader.Read();
                if (isContentType && reader.TokenType == JsonTokenType.String)
                {
                    found |= reader.ValueTextEquals("application/vnd.microsoft.card.adaptive"u8);
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
