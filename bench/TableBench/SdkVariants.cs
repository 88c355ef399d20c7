using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LearningBot.Storage;

namespace TableBench;

/// <summary>
/// Other client configurations, measured beside the shipped one with --variants to see what each option costs. A variant
/// is the SDK's default options with one or more changes joined by '+', e.g. "nolog+notrace"; "defaults" changes nothing.
/// "retry" and "transport" are the shipped client's retry settings and connection handler on their own.
/// </summary>
internal static class SdkVariants
{
    private static readonly Lazy<HttpPipelineTransport> OwnTransport = new(TableStorage.CreateTransport);

    public static TableServiceClient Create(string name, string connectionString)
    {
        var options = new TableClientOptions();
        foreach (var change in name.Split('+'))
        {
            Action<TableClientOptions> apply = change switch
            {
                "defaults" => _ => { },
                "nolog" => o => o.Diagnostics.IsLoggingEnabled = false,
                "notrace" => o => o.Diagnostics.IsDistributedTracingEnabled = false,
                "notelemetry" => o => o.Diagnostics.IsTelemetryEnabled = false,
                "nodiag" => o =>
                {
                    o.Diagnostics.IsLoggingEnabled = false;
                    o.Diagnostics.IsDistributedTracingEnabled = false;
                    o.Diagnostics.IsTelemetryEnabled = false;
                },
                "noretry" => o => o.Retry.MaxRetries = 0,
                "retry" => o =>
                {
                    o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                    o.Retry.MaxDelay = TimeSpan.FromSeconds(4);
                    o.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
                },
                "transport" => o => o.Transport = OwnTransport.Value,
                _ => throw new ArgumentException($"Unknown --variants change '{change}'."),
            };
            apply(options);
        }

        return new TableServiceClient(connectionString, options);
    }
}
