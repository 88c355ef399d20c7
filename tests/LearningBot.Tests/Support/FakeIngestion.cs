using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LearningBot.Tests.Support;

/// <summary>
/// Stands in for the Application Insights ingestion endpoint on a free 127.0.0.1 port: accepts every batch the Azure
/// Monitor exporter sends (gzip'd newline-delimited JSON) and keeps the payloads as text.
/// </summary>
public sealed class FakeIngestion : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _payloads = new();

    private FakeIngestion(WebApplication app) => _app = app;

    public string Endpoint { get; private set; } = string.Empty;

    /// <summary>A connection string that sends everything here.</summary>
    public string ConnectionString => $"InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint={Endpoint}";

    public IReadOnlyList<string> Payloads => [.. _payloads];

    public static async Task<FakeIngestion> StartAsync()
    {
        var (ingestion, address) = await LoopbackServer.StartAsync(app => new FakeIngestion(app), ingestion => ingestion.HandleAsync);
        ingestion.Endpoint = address + "/";
        return ingestion;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = context.Request.Body;
        if (context.Request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            body = new GZipStream(body, CompressionMode.Decompress);
        }

        using var reader = new StreamReader(body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        _payloads.Enqueue(text);
        var items = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync($$"""{"itemsReceived":{{items}},"itemsAccepted":{{items}},"errors":[]}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A collection the exporters can add to while a test reads it.</summary>
public sealed class LockedList<T> : ICollection<T>
{
    private readonly List<T> _items = [];

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Add(item);
        }
    }

    public void Clear()
    {
        lock (_items)
        {
            _items.Clear();
        }
    }

    public bool Contains(T item)
    {
        lock (_items)
        {
            return _items.Contains(item);
        }
    }

    public void CopyTo(T[] array, int arrayIndex)
    {
        lock (_items)
        {
            _items.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(T item)
    {
        lock (_items)
        {
            return _items.Remove(item);
        }
    }

    /// <summary>A copy of what is there now.</summary>
    public List<T> Snapshot()
    {
        lock (_items)
        {
            return [.. _items];
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
