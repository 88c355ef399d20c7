using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace LearningBot.Tests.Support;

/// <summary>
/// A real Azurite Table service for the whole test run: started from the repo's node_modules on a free port with its
/// data in a temp folder the first time a test class asks for it, and removed (process tree and folder) when the test
/// process exits. Test classes share it through <see cref="AzuriteFixture"/>, each with tables of its own.
/// </summary>
public sealed class AzuriteServer
{
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<AzuriteServer>> Instance = new(StartAsync);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs Azurite's main.js (the next argument) in a node that exits once the test process is gone. The test host
    /// does not always run exit handlers when the run ends, and an emulator left behind would outlive CI's test stage.
    /// </summary>
    private static readonly string ExitWithTestProcess =
        $"const parent = {Environment.ProcessId}; " +
        "setInterval(() => { try { process.kill(parent, 0); } catch { process.exit(0); } }, 1000); " +
        "require(process.argv[1]);";

    private Process? _process;
    private string? _dataFolder;
    private readonly List<string> _output = [];

    /// <summary>Connection string with the emulator's well-known account and this instance's port.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public int Port { get; private set; }

    public Uri TableEndpoint => new($"http://127.0.0.1:{Port}/{DevelopmentAccountName}");

    /// <summary>The Queue service's port (Azure Queue Storage, for deliveries).</summary>
    public int QueuePort { get; private set; }

    public Uri QueueEndpoint => new($"http://127.0.0.1:{QueuePort}/{DevelopmentAccountName}");

    /// <summary>The run's server, started on first use.</summary>
    public static Task<AzuriteServer> SharedAsync() => Instance.Value;

    private static async Task<AzuriteServer> StartAsync()
    {
        var server = new AzuriteServer();
        try
        {
            await server.InitializeAsync().ConfigureAwait(false);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    private async Task InitializeAsync()
    {
        var root = RepoPaths.Root;
        var azurite = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed under {root}/node_modules. Run `npm ci` in {root} first.");
        }

        _dataFolder = Directory.CreateTempSubdirectory("azurite-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort();
            QueuePort = FreePort();
            _process = Start(azurite, _dataFolder);
            if (await WaitUntilListeningAsync(_process, Port).ConfigureAwait(false) && await WaitUntilListeningAsync(_process, QueuePort).ConfigureAwait(false))
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
            $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};" +
            $"AccountKey={DevelopmentAccountKey};TableEndpoint={TableEndpoint};QueueEndpoint={QueueEndpoint};";
    }

    private void Dispose()
    {
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
    }

    private Process Start(string azurite, string dataFolder)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = dataFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "-e", ExitWithTestProcess, azurite,
            "--tableHost", "127.0.0.1", "--tablePort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--blobHost", "127.0.0.1", "--blobPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--silent", "--skipApiVersionCheck", "--disableTelemetry", "--tableKeepAliveTimeout", "60",

            // Kept in memory: saved to disk, the emulator writes its whole database out every 5 s, which grows with
            // every test class and costs the machine more than all the requests.
            "--inMemoryPersistence",
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// One test class's view of the shared <see cref="AzuriteServer"/>: its own table-name prefix, so classes run in
/// parallel and never see (or delete) each other's tables. Use it with <c>IClassFixture&lt;AzuriteFixture&gt;</c>.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer _server = null!;

    /// <summary>Put in front of every table this class's bots and stores use (<c>Storage:TablePrefix</c>).</summary>
    public string TablePrefix { get; } = "t" + Guid.NewGuid().ToString("N")[..10];

    public string ConnectionString => _server.ConnectionString;

    public Uri TableEndpoint => _server.TableEndpoint;

    public int Port => _server.Port;

    public int QueuePort => _server.QueuePort;

    /// <summary>The SDK client on the shared server, configured as the bot configures it.</summary>
    public TableServiceClient ServiceClient => Storage.Service;

    /// <summary>The bot's storage handle for this class's tables.</summary>
    public TableStorage Storage { get; private set; } = null!;

    /// <summary>The bot's handle on this class's queues (the same prefix, lower-cased).</summary>
    public QueueStorage Queues { get; private set; } = null!;

    /// <summary>The settings that point a bot host at this class's tables.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = ConnectionString,
        ["Storage:TablePrefix"] = TablePrefix,
    };

    public async Task InitializeAsync()
    {
        _server = await AzuriteServer.SharedAsync();
        var options = new TableStorageOptions { ConnectionString = ConnectionString, TablePrefix = TablePrefix };
        Storage = TableStorage.Create(options);
        Queues = QueueStorage.Create(options);
    }

    /// <summary>
    /// A connection string for the emulator's account reached through other ports (<see cref="FaultProxy"/>s): tables
    /// through <paramref name="port"/>, queues through <paramref name="queuePort"/> (the same port when left out).
    /// </summary>
    public static string ConnectionStringThrough(int port, int? queuePort = null) =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.DevelopmentAccountName};" +
        $"AccountKey={AzuriteServer.DevelopmentAccountKey};TableEndpoint=http://127.0.0.1:{port}/{AzuriteServer.DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{queuePort ?? port}/{AzuriteServer.DevelopmentAccountName};";

    /// <summary>This class's name for one of the bot's tables (e.g. <c>TicketStore.TableName</c>).</summary>
    public TableClient Table(string name) => ServiceClient.GetTableClient(Storage.TableName(name));

    /// <summary>A unique table name (letters and digits), so tests never see each other's rows.</summary>
    public static string NewTableName(string prefix = "t") => prefix + Guid.NewGuid().ToString("N");

    /// <summary>Creates a fresh, uniquely named table.</summary>
    public async Task<TableClient> CreateTableAsync(string prefix = "t", CancellationToken cancellationToken = default)
    {
        var table = ServiceClient.GetTableClient(NewTableName(prefix));
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        return table;
    }

    /// <summary>Drops every table this class made, so a long run does not pile them up in the emulator.</summary>
    public async Task DisposeAsync()
    {
        var filter = TableClient.CreateQueryFilter($"TableName ge {TablePrefix} and TableName lt {TablePrefix + "~"}");
        await foreach (var table in ServiceClient.QueryAsync(filter))
        {
            await ServiceClient.DeleteTableAsync(table.Name);
        }
    }
}
