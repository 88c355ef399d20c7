using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LearningBot.Storage;

namespace LearningBot.Tests.Support;

/// <summary>
/// A real Azurite Table service for the test run: started from the repo's node_modules on a free port with its data
/// in a temp folder, and removed (process tree and folder) when the run ends.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private Process? _process;
    private string? _dataFolder;
    private readonly List<string> _output = [];

    /// <summary>Connection string with the emulator's well-known account and this instance's port.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public int Port { get; private set; }

    public Uri TableEndpoint => new($"http://127.0.0.1:{Port}/{TableConnectionString.DevelopmentAccountName}");

    /// <summary>A client shared by the tests; make your own for custom options.</summary>
    public TableServiceClient ServiceClient { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var root = FindRepoRoot();
        var azurite = Path.Combine(root, "node_modules", "azurite", "dist", "src", "table", "main.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed under {root}/node_modules. Run `npm ci` in {root} first.");
        }

        _dataFolder = Directory.CreateTempSubdirectory("azurite-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            _process = Start(root, azurite, Port, _dataFolder);
            if (await WaitUntilListeningAsync(_process, Port).ConfigureAwait(false))
            {
                break;
            }

            Stop();
            if (attempt == 3)
            {
                throw new InvalidOperationException($"Azurite did not start on port {Port}. Output:\n{string.Join('\n', _output)}");
            }
        }

        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={TableConnectionString.DevelopmentAccountName};" +
            $"AccountKey={TableConnectionString.DevelopmentAccountKey};TableEndpoint={TableEndpoint};";
        ServiceClient = new TableServiceClient(ConnectionString);
    }

    /// <summary>A unique table name (letters and digits), so tests never see each other's rows.</summary>
    public static string NewTableName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N");

    /// <summary>Creates a fresh, uniquely named table.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix = "t", CancellationToken cancellationToken = default) =>
        await ServiceClient.CreateTableIfNotExistsAsync(NewTableName(prefix), cancellationToken).ConfigureAwait(false);

    public Task DisposeAsync()
    {
        ServiceClient?.Dispose();
        Stop();
        if (_dataFolder is not null && Directory.Exists(_dataFolder))
        {
            try
            {
                Directory.Delete(_dataFolder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by the exiting process; the OS temp cleaner gets it.
            }
        }

        return Task.CompletedTask;
    }

    private Process Start(string root, string azurite, int port, string dataFolder)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            azurite, "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--location", dataFolder, "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--tableKeepAliveTimeout", "60",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }

    private static async Task<bool> WaitUntilListeningAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                return false;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port).ConfigureAwait(false);
                return true;
            }
            catch (SocketException)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }

        return false;
    }

    private void Stop()
    {
        if (_process is null)
        {
            return;
        }

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

        _process.Dispose();
        _process = null;
    }

    /// <summary>The repository root: the nearest folder above the test binaries that holds package.json.</summary>
    public static string FindRepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No package.json above {AppContext.BaseDirectory}; run the tests from inside the repository.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>All Azurite-backed tests share one emulator: put <c>[Collection(AzuriteCollection.Name)]</c> on the class.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
