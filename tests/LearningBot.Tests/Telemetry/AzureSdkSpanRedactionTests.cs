using System.Diagnostics;
using System.Net;
using System.Runtime.CompilerServices;
using Azure.Core;
using Azure.Core.Pipeline;
using LearningBot.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace LearningBot.Tests.Telemetry;

/// <summary>
/// The Azure SDK's own HTTP spans (<c>Azure.Core.Http</c>, what every Azure.Data.Tables call makes) go through the same
/// redaction: their <c>url.full</c> names the table and the entity's keys, and leaves with the table only.
/// </summary>
public sealed class AzureSdkSpanRedactionTests
{
    /// <summary>What the Azure Monitor distro does when telemetry is on: Azure SDKs report spans through ActivitySource.</summary>
    [ModuleInitializer]
    internal static void EnableAzureSdkActivitySource() => AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);

    [Fact]
    public async Task An_azure_sdk_http_span_keeps_the_table_but_not_the_keys_or_the_query()
    {
        var spans = new List<Activity>();
        using (Sdk.CreateTracerProviderBuilder()
            .AddSource("Azure.*")
            .AddProcessor(new SpanRedactionProcessor())
            .AddInMemoryExporter(spans)
            .Build())
        {
            var options = new StubClientOptions { Transport = new HttpClientTransport(new HttpClient(new Answer(HttpStatusCode.NotFound))) };
            options.Retry.MaxRetries = 0;
            var pipeline = HttpPipelineBuilder.Build(options);
            using var message = pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Get;
            message.Request.Uri.Reset(new Uri(
                "https://learningbot.table.core.windows.net/ConversationReferences(PartitionKey='personal',RowKey='29%3A1-alex')?$select=ServiceUrl&sig=secret"));

            await pipeline.SendAsync(message, CancellationToken.None);
        }

        // Other tests make Azure SDK calls while this one runs, and the provider hears those too: keep this call's span.
        var http = Assert.Single(spans, span => span.Source.Name == "Azure.Core.Http"
            && Url(span)?.StartsWith("https://learningbot.table.core.windows.net/ConversationReferences", StringComparison.Ordinal) == true);
        var url = Url(http);
        Assert.Equal("https://learningbot.table.core.windows.net/ConversationReferences({keys})", url);
        foreach (var (key, value) in http.TagObjects)
        {
            Assert.DoesNotContain("alex", $"{key}={value}", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("secret", $"{key}={value}", StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string? Url(Activity span) => (span.GetTagItem("url.full") ?? span.GetTagItem("http.url")) as string;

    private sealed class StubClientOptions : ClientOptions;

    private sealed class Answer(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
    }
}
