namespace LearningBot.Storage;

/// <summary>The parts of an Azure Storage connection string the Table client needs.</summary>
public sealed record TableConnectionString(Uri TableEndpoint, string AccountName, string AccountKey)
{
    /// <summary>The emulator's well-known development account (Azurite, the storage emulator); not a secret.</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Uri DevelopmentTableEndpoint = new("http://127.0.0.1:10002/devstoreaccount1");

    /// <summary>
    /// Parses <c>UseDevelopmentStorage=true</c> or <c>DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…</c>
    /// with an optional <c>TableEndpoint</c> or <c>EndpointSuffix</c>.
    /// </summary>
    public static TableConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var parts = Split(connectionString);

        if (parts.TryGetValue("UseDevelopmentStorage", out var dev) && bool.TryParse(dev, out var isDev) && isDev)
        {
            var endpoint = DevelopmentTableEndpoint;
            if (parts.TryGetValue("DevelopmentStorageProxyUri", out var proxy))
            {
                endpoint = new Uri($"{proxy.TrimEnd('/')}:10002/{DevelopmentAccountName}");
            }

            return new TableConnectionString(endpoint, DevelopmentAccountName, DevelopmentAccountKey);
        }

        var account = Required(parts, "AccountName");
        var key = Required(parts, "AccountKey");
        if (!IsBase64(key))
        {
            throw new FormatException("The storage connection string's AccountKey is not valid base64.");
        }

        Uri tableEndpoint;
        if (parts.TryGetValue("TableEndpoint", out var explicitEndpoint))
        {
            if (!Uri.TryCreate(explicitEndpoint, UriKind.Absolute, out tableEndpoint!))
            {
                throw new FormatException("The storage connection string's TableEndpoint is not an absolute URI.");
            }
        }
        else
        {
            var protocol = parts.GetValueOrDefault("DefaultEndpointsProtocol", "https");
            var suffix = parts.GetValueOrDefault("EndpointSuffix", "core.windows.net");
            tableEndpoint = new Uri($"{protocol}://{account}.table.{suffix}");
        }

        return new TableConnectionString(tableEndpoint, account, key);
    }

    /// <summary>Never prints the key.</summary>
    public override string ToString() => $"TableEndpoint={TableEndpoint};AccountName={AccountName};AccountKey=***";

    private static Dictionary<string, string> Split(string connectionString)
    {
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("The storage connection string has a segment without 'name=value'.");
            }

            parts[segment[..equals].Trim()] = segment[(equals + 1)..].Trim();
        }

        return parts;
    }

    private static string Required(Dictionary<string, string> parts, string name) =>
        parts.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"The storage connection string has no {name} (and is not UseDevelopmentStorage=true).");

    private static bool IsBase64(string value)
    {
        Span<byte> buffer = stackalloc byte[256];
        return value.Length <= 344 && Convert.TryFromBase64String(value, buffer, out _);
    }
}
