using Azure.Data.Tables;

namespace TableBench;

/// <summary>
/// The Azure.Data.Tables client exactly as the bot ships it. The bench measures this configuration; move the method into
/// the bot as it is.
/// </summary>
internal static class ShippedTables
{
    public static TableServiceClient CreateShippedClient(string connectionString) =>
        new(connectionString, new TableClientOptions());
}
