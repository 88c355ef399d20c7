using Azure.Data.Tables;

namespace TableBench;

/// <summary>Other client configurations, measured beside the shipped one with --variants to see what each option costs.</summary>
internal static class SdkVariants
{
    public static TableServiceClient Create(string name, string connectionString) => name switch
    {
        "defaults" => new TableServiceClient(connectionString),
        _ => throw new ArgumentException($"Unknown --variants entry '{name}'."),
    };
}
