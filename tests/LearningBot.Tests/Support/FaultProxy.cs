using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LearningBot.Tests.Support;

/// <summary>What a <see cref="FaultProxy"/> does with each connection.</summary>
public enum FaultMode
{
    /// <summary>Bytes go through to the upstream service and back.</summary>
    PassThrough,

    /// <summary>The connection is accepted and the request read, but no answer ever comes.</summary>
    BlackHole,

    /// <summary>Each request reaches the upstream service only after <see cref="FaultProxy.Delay"/>.</summary>
    Slow,

    /// <summary>Every request is answered <c>503 Server Busy</c>, as the Table service does when it is overloaded.</summary>
    ServiceUnavailable,

    /// <summary>The connection is reset (TCP RST) once the request starts to arrive.</summary>
    Reset,

    /// <summary>Nothing listens: connecting is refused.</summary>
    Refuse,
}

/// <summary>
/// A TCP proxy on a free loopback port in front of one upstream port (Azurite in the fault tests), which can be switched
/// between passing traffic through and the faults a storage account shows: a black hole, slowness, 503s, resets and
/// refused connections. Switching mode resets every open connection, so pooled keep-alive connections cannot slip past
/// the new mode.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private const string BusyBody = "{\"odata.error\":{\"code\":\"ServerBusy\",\"message\":{\"lang\":\"en-US\",\"value\":\"The server is busy.\"}}}";

    private static readonly byte[] ServerBusy = Encoding.ASCII.GetBytes(
        "HTTP/1.1 503 Service Unavailable\r\n" +
        "Content-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n" +
        "x-ms-error-code: ServerBusy\r\n" +
        $"Content-Length: {BusyBody.Length}\r\n" +
        "\r\n" +
        BusyBody);

    private readonly int _upstreamPort;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private TcpListener? _listener;
    private int _accepted;

    private FaultProxy(int upstreamPort, int port)
    {
        _upstreamPort = upstreamPort;
        Port = port;
    }

    public int Port { get; }

    public FaultMode Mode { get; private set; } = FaultMode.PassThrough;

    /// <summary>How long <see cref="FaultMode.Slow"/> holds each request.</summary>
    public TimeSpan Delay { get; private set; } = TimeSpan.FromSeconds(3);

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>A proxy to <paramref name="upstreamPort"/> on 127.0.0.1, passing traffic through until told otherwise.</summary>
    public static FaultProxy Start(int upstreamPort)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var proxy = new FaultProxy(upstreamPort, port);
        proxy.Listen();
        return proxy;
    }

    /// <summary>Switches mode: open connections are reset, and new ones get the new behaviour.</summary>
    public void Set(FaultMode mode, TimeSpan? delay = null)
    {
        lock (_gate)
        {
            Mode = mode;
            Delay = delay ?? Delay;
            foreach (var socket in _open.Keys)
            {
                Abort(socket);
            }

            if (mode == FaultMode.Refuse)
            {
                _listener?.Stop();
                _listener = null;
            }
            else if (_listener is null)
            {
                Listen();
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Cancel();
        lock (_gate)
        {
            _listener?.Stop();
            _listener = null;
        }

        foreach (var socket in _open.Keys)
        {
            Abort(socket);
        }

        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptLoopAsync(listener);
    }

    private async Task AcceptLoopAsync(TcpListener listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _open[client] = 0;
            _ = ServeAsync(client, Mode, Delay);
        }
    }

    private async Task ServeAsync(Socket client, FaultMode mode, TimeSpan delay)
    {
        try
        {
            switch (mode)
            {
                case FaultMode.BlackHole:
                    await DrainAsync(client);
                    break;
                case FaultMode.ServiceUnavailable:
                    await AnswerBusyAsync(client);
                    break;
                case FaultMode.Reset:
                    await WaitForDataAsync(client);
                    Abort(client);
                    break;
                default:
                    await RelayAsync(client, mode == FaultMode.Slow ? delay : TimeSpan.Zero);
                    break;
            }
        }
        catch (Exception exception) when (exception is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client, the upstream or a mode switch closed the connection.
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
        }
    }

    /// <summary>Reads and throws away whatever arrives, answering nothing, until the client gives up.</summary>
    private async Task DrainAsync(Socket client)
    {
        var buffer = new byte[16 * 1024];
        while (await client.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token) > 0)
        {
        }
    }

    private async Task WaitForDataAsync(Socket client)
    {
        var buffer = new byte[1];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        await client.ReceiveAsync(buffer, SocketFlags.Peek, timeout.Token);
    }

    /// <summary>Answers each request on the connection with 503 once its head and body have arrived.</summary>
    private async Task AnswerBusyAsync(Socket client)
    {
        var pending = new List<byte>();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var head = IndexOf(pending, "\r\n\r\n"u8);
            while (head < 0)
            {
                var read = await client.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                pending.AddRange(buffer.AsSpan(0, read));
                head = IndexOf(pending, "\r\n\r\n"u8);
            }

            var headers = Encoding.ASCII.GetString(pending.GetRange(0, head).ToArray());
            var total = head + 4 + ContentLength(headers);
            while (pending.Count < total)
            {
                var read = await client.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0)
                {
                    return;
                }

                pending.AddRange(buffer.AsSpan(0, read));
            }

            pending.RemoveRange(0, total);
            await client.SendAsync(ServerBusy, SocketFlags.None, _stopping.Token);
        }
    }

    private async Task RelayAsync(Socket client, TimeSpan delay)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        _open[upstream] = 0;
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stopping.Token);
            var requests = PumpAsync(client, upstream, delay);
            var responses = PumpAsync(upstream, client, TimeSpan.Zero);
            await Task.WhenAny(requests, responses);
            Abort(client);
            Abort(upstream);
            await Task.WhenAll(requests, responses).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            _open.TryRemove(upstream, out _);
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, TimeSpan delay)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token)) > 0)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _stopping.Token);
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
        }
    }

    /// <summary>Closes with a TCP reset rather than a graceful FIN.</summary>
    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    private static int ContentLength(string headers)
    {
        foreach (var line in headers.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                return int.Parse(line[(colon + 1)..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static int IndexOf(List<byte> data, ReadOnlySpan<byte> pattern)
    {
        for (var i = 0; i + pattern.Length <= data.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = data[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
