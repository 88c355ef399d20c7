using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

/// <summary>
/// Part of the startup hook (<c>TURNBENCH_STORAGE_FILE=path</c>): watches the system's outgoing HTTP calls to Azure
/// storage (<c>HttpHandlerDiagnosticListener</c>, so nothing in the system changes) and, every
/// <c>TURNBENCH_STORAGE_SECONDS</c> (60), appends one line per request kind seen in that interval: calls, latency p50,
/// p99, max and sum, response bytes of GETs (as read) in total and at most, and how many responses said there was a next
/// page. A request kind is the table or queue, the method and the request's shape: a point read
/// (<c>(PartitionKey=?,RowKey=?)</c>), or the query's <c>$filter</c> with its literals replaced by <c>?</c>, plus
/// <c>$select</c>/<c>$top</c> when given and <c>next</c> for a continuation page. So a query whose cost grows with what a
/// partition has accumulated shows as one kind whose bytes or latency climb window after window.
/// </summary>
internal static partial class StorageProbe
{
    private const string HttpListener = "HttpHandlerDiagnosticListener";
    private const string OutStart = "System.Net.Http.HttpRequestOut.Start";
    private const string OutStop = "System.Net.Http.HttpRequestOut.Stop";

    private static readonly ConditionalWeakTable<HttpRequestMessage, StrongBox<long>> Started = [];
    private static readonly Lock Gate = new();
    private static Dictionary<string, Kind> s_window = new(StringComparer.Ordinal);

    private sealed class Kind
    {
        public readonly List<double> Milliseconds = [];
        public long Bytes;
        public long MaxBytes;
        public int MorePages;
    }

    public static void Start(string path, TimeSpan interval)
    {
        DiagnosticListener.AllListeners.Subscribe(new AllListeners());
        var started = Stopwatch.GetTimestamp();
        new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(interval);
                Flush(path, Stopwatch.GetElapsedTime(started));
            }
        })
        { IsBackground = true, Name = "TurnBench storage probe" }.Start();
    }

    private static void Flush(string path, TimeSpan elapsed)
    {
        Dictionary<string, Kind> window;
        lock (Gate)
        {
            window = s_window;
            s_window = new(StringComparer.Ordinal);
        }

        var lines = new StringBuilder();
        foreach (var (name, kind) in window.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var times = kind.Milliseconds;
            times.Sort();
            lines.Append(CultureInfo.InvariantCulture,
                $"{elapsed.TotalSeconds:F0}\t{name}\t{times.Count}\t{Percentile(times, 0.5):F1}\t{Percentile(times, 0.99):F1}\t{times[^1]:F1}\t{times.Sum():F0}\t{kind.Bytes}\t{kind.MaxBytes}\t{kind.MorePages}\n");
        }

        File.AppendAllText(path, lines.ToString());
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static void Record(HttpRequestMessage request, HttpResponseMessage? response)
    {
        if (!Started.TryGetValue(request, out var start) || request.RequestUri is not { } uri || !IsStorage(uri))
        {
            return;
        }

        var milliseconds = Stopwatch.GetElapsedTime(start.Value).TotalMilliseconds;
        var name = KindOf(request.Method.Method, uri);
        var more = response is not null && response.Headers.Contains("x-ms-continuation-NextPartitionKey");
        Kind kind;
        lock (Gate)
        {
            if (!s_window.TryGetValue(name, out kind!))
            {
                s_window[name] = kind = new Kind();
            }

            kind.Milliseconds.Add(milliseconds);
            kind.MorePages += more ? 1 : 0;
        }

        // Azurite answers without a Content-Length, so the body is counted as the storage client reads it.
        if (response is { Content: { } content } && request.Method == HttpMethod.Get)
        {
            response.Content = new CountedContent(content, bytes =>
            {
                lock (Gate)
                {
                    kind.Bytes += bytes;
                    kind.MaxBytes = Math.Max(kind.MaxBytes, bytes);
                }
            });
        }
    }

    /// <summary>The response body as it was, counting its bytes once it has been read to the end or let go.</summary>
    private sealed class CountedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action<long> _counted;

        public CountedContent(HttpContent inner, Action<long> counted)
        {
            _inner = inner;
            _counted = counted;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await using var counting = new CountingStream(await _inner.ReadAsStreamAsync(), _counted);
            await counting.CopyToAsync(stream);
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() => new CountingStream(await _inner.ReadAsStreamAsync(), _counted);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class CountingStream(Stream inner, Action<long> counted) : Stream
    {
        private long _bytes;
        private int _reported;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _bytes; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Counted(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        private int Counted(int read)
        {
            _bytes += read;
            if (read == 0)
            {
                Report();
            }

            return read;
        }

        private void Report()
        {
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                counted(_bytes);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Report();
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static bool IsStorage(Uri uri) =>
        uri.AbsolutePath.StartsWith("/devstoreaccount1/", StringComparison.Ordinal)
        || uri.Host.EndsWith(".table.core.windows.net", StringComparison.OrdinalIgnoreCase)
        || uri.Host.EndsWith(".queue.core.windows.net", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>table Deliveries GET PartitionKey eq ? and Outcome eq ? $select</c>, with no key or value in it.</summary>
    internal static string KindOf(string method, Uri uri)
    {
        var path = Uri.UnescapeDataString(uri.AbsolutePath);
        if (path.StartsWith("/devstoreaccount1/", StringComparison.Ordinal))
        {
            path = path["/devstoreaccount1".Length..];
        }

        var segments = path.Trim('/').Split('/');
        string resource;
        var shape = new StringBuilder();
        if (segments.Length >= 2 && segments[1] == "messages")
        {
            resource = "queue " + segments[0];
            shape.Append(segments.Length > 2 ? "message" : "messages");
        }
        else
        {
            var last = segments[^1];
            var open = last.IndexOf('(');
            resource = "table " + DeliveryLedger().Replace(open >= 0 ? last[..open] : last, "Ledger*");
            if (open >= 0 && last.Length > open + 2)
            {
                shape.Append("(PartitionKey=?,RowKey=?)");
            }
        }

        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        if (query["$filter"] is { } filter)
        {
            shape.Append(Literal().Replace(filter, "?"));
        }

        if (query["$select"] is not null)
        {
            shape.Append(" $select");
        }

        if (query["$top"] is not null)
        {
            shape.Append(" $top");
        }

        if (query["NextPartitionKey"] is not null || query["NextRowKey"] is not null)
        {
            shape.Append(" next");
        }

        if (query["comp"] is { } comp)
        {
            shape.Append(" comp=").Append(comp);
        }

        return $"{resource} {method} {shape}".TrimEnd();
    }

    /// <summary>A quoted OData literal (<c>'it''s'</c>, <c>datetime'…'</c>, <c>guid'…'</c>, <c>X'…'</c>) or a number.</summary>
    [GeneratedRegex(@"(?:datetime|guid|X|binary)?'(?:[^']|'')*'|\b\d+(?:\.\d+)?L?\b")]
    private static partial Regex Literal();

    /// <summary>A delivery's ledger table, one per delivery: counted together.</summary>
    [GeneratedRegex("Ledger[0-9a-f]{32}$")]
    private static partial Regex DeliveryLedger();

    private sealed class AllListeners : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == HttpListener)
            {
                listener.Subscribe(new HttpEvents(), static (name, _, _) => name.StartsWith("System.Net.Http.HttpRequestOut", StringComparison.Ordinal));
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }

    private sealed class HttpEvents : IObserver<KeyValuePair<string, object?>>
    {
        private static PropertyInfo? s_startRequest;
        private static PropertyInfo? s_stopRequest;
        private static PropertyInfo? s_stopResponse;

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is not { } payload)
            {
                return;
            }

            if (value.Key == OutStart)
            {
                s_startRequest ??= payload.GetType().GetProperty("Request");
                if (s_startRequest?.GetValue(payload) is HttpRequestMessage request)
                {
                    Started.AddOrUpdate(request, new StrongBox<long>(Stopwatch.GetTimestamp()));
                }
            }
            else if (value.Key == OutStop)
            {
                s_stopRequest ??= payload.GetType().GetProperty("Request");
                s_stopResponse ??= payload.GetType().GetProperty("Response");
                if (s_stopRequest?.GetValue(payload) is HttpRequestMessage request)
                {
                    Record(request, s_stopResponse?.GetValue(payload) as HttpResponseMessage);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
