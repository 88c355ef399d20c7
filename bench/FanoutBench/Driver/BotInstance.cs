using System.Diagnostics;
using LearningBot.Bench.TurnBench;

namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>
/// One bot process: started with the scenario's settings on its own loopback port, its output in a log file, watched
/// for its memory high-water mark and CPU time (read from <c>/proc</c> while it runs, so a killed process keeps its
/// last reading).
/// </summary>
internal sealed class BotInstance : IAsyncDisposable
{
    private const string SeededLine = "People seed:";
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();
    private readonly TaskCompletionSource _seeded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _warnings;

    private BotInstance(Process process, StreamWriter log, Uri url)
    {
        _process = process;
        _log = log;
        Url = url;
    }

    public Uri Url { get; }

    public Uri Messages => new(Url, "api/messages");

    public int Pid => _process.Id;

    public double PeakRssMb { get; private set; }

    public double CpuSeconds { get; private set; }

    /// <summary>Lines the bot logged at warning level or above.</summary>
    public int Warnings => Volatile.Read(ref _warnings);

    public static BotInstance Start(BotLaunch launch, int port, string logPath)
    {
        var start = new ProcessStartInfo("dotnet", [launch.BotDll])
        {
            WorkingDirectory = Path.GetDirectoryName(launch.BotDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in launch.Settings)
        {
            start.Environment[name] = value;
        }

        var url = new Uri($"http://127.0.0.1:{port}/");
        start.Environment["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/');
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("The bot did not start.");
        var instance = new BotInstance(process, log, url);
        process.OutputDataReceived += (_, line) => instance.Write(line.Data);
        process.ErrorDataReceived += (_, line) => instance.Write(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return instance;
    }

    /// <summary>Waits until /healthz answers 200 (the bot reached its storage) and the people seed has been applied.</summary>
    public async Task WaitReadyAsync(HttpClient http, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot (pid {Pid}) exited with {_process.ExitCode} before it was ready; see its log.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "healthz"), bounded.Token);
                if (response.IsSuccessStatusCode)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250, bounded.Token);
        }

        await _seeded.Task.WaitAsync(bounded.Token);
    }

    /// <summary>Reads the process's memory high-water mark and CPU time now.</summary>
    public void Sample()
    {
        if (ProcessProbe.PeakRssMb(Pid) is { } peak)
        {
            PeakRssMb = Math.Max(PeakRssMb, peak);
        }

        if (ProcessProbe.CpuTime(Pid) is { } cpu)
        {
            CpuSeconds = cpu.TotalSeconds;
        }
    }

    /// <summary><c>kill -9</c>: no shutdown, no flushing, nothing finished.</summary>
    public async Task KillAsync()
    {
        Sample();
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _warnings);
        }

        if (line.Contains(SeededLine, StringComparison.Ordinal))
        {
            _seeded.TrySetResult();
        }

        lock (_logGate)
        {
            _log.WriteLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }
}
