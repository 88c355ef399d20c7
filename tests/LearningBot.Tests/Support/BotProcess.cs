using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace LearningBot.Tests.Support;

/// <summary>
/// The real bot as its own process (<c>dotnet bot/bin/&lt;Configuration&gt;/net10.0/LearningBot.dll</c>, the build the
/// tests were built with) in the Development environment, on a free port, with its storage in a class's Azurite tables
/// and queues and its Bot Connector calls going to a <see cref="FakeConnector"/> (the activities' <c>serviceUrl</c>).
/// Several of them on one <see cref="AzuriteFixture"/> are several instances of one deployment. The process's log is
/// kept (one line per entry) for assertions and failure messages; disposing kills the process tree.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly List<string> _log = [];

    private BotProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Talks to this instance's endpoints (<c>/api/messages</c>, <c>/healthz</c>).</summary>
    public HttpClient Client { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Every log line so far.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
            {
                return [.. _log];
            }
        }
    }

    /// <summary>The bot's build output the tests run against, e.g. <c>bot/bin/Debug/net10.0/LearningBot.dll</c>.</summary>
    public static string BotAssembly { get; } = Path.Combine(
        RepoPaths.Root, "bot", "bin",
        typeof(BotProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug",
        "net10.0", "LearningBot.dll");

    /// <summary>
    /// Starts an instance and waits until <c>/healthz</c> answers 200. <paramref name="settings"/> are configuration keys
    /// (<c>Outbox:ScanInterval</c>) on top of Azurite's connection string and table prefix.
    /// </summary>
    public static async Task<BotProcess> StartAsync(string name, AzuriteFixture azurite, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        if (!File.Exists(BotAssembly))
        {
            throw new InvalidOperationException($"{BotAssembly} is missing: build the bot (the test project's build does) first.");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(BotAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(BotAssembly);
        start.Environment.Remove("APPLICATIONINSIGHTS_CONNECTION_STRING");
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Logging:Console:FormatterName"] = "simple",
            ["Logging:Console:FormatterOptions:SingleLine"] = "true",
            ["Logging:Console:FormatterOptions:IncludeScopes"] = "false",
            ["Logging:Console:FormatterOptions:ColorBehavior"] = "Disabled",

            // Words alone, as in BotTestHost: answers must not change when the background model load finishes.
            ["OneStopShop:Hybrid:Model"] = "none",
        };
        foreach (var (key, value) in azurite.Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet for the bot.");
        var bot = new BotProcess(name, port, process);
        process.OutputDataReceived += (_, e) => bot.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => bot.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await bot.WaitUntilHealthyAsync();
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }

        return bot;
    }

    /// <summary>Posts an activity to <c>/api/messages</c> (no token: a Development bot without an app id takes it).</summary>
    public Task<HttpResponseMessage> PostActivityAsync(JsonObject activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return Client.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    /// <summary>How many log lines contain <paramref name="text"/>.</summary>
    public int CountLog(string text) => Log.Count(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Kills the process tree at once, as a crash or <c>kill -9</c> would: nothing is flushed or stopped.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The instance's name and last log lines (debug lines left out), for an assertion's message.</summary>
    public string Describe(int lines = 40) =>
        $"--- {Name} (port {Port}) ---\n{string.Join('\n', Log.Where(line => !line.StartsWith("dbug:", StringComparison.Ordinal)).TakeLast(lines))}";

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with {_process.ExitCode} while starting.\n{Describe()}");
            }

            try
            {
                using var response = await Client.GetAsync("/healthz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException($"The bot was not healthy within {StartTimeout}.\n{Describe()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
