using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using LearningBot.Telemetry;

namespace LearningBot.Tests.Telemetry;

/// <summary>The pipeline policy the table client adds: one latency measurement per storage call, tagged without keys.</summary>
public sealed class StorageLatencyPolicyTests
{
    [Fact]
    public async Task Each_storage_call_is_measured_with_its_table_method_and_status_only()
    {
        var measured = new ConcurrentQueue<(double Milliseconds, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == BotTelemetry.Name && instrument.Name == "learningbot.storage.duration")
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, tags, _) =>
        {
            // Other test classes run storage calls in parallel; keep only this test's table.
            var tagged = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value);
            if (Equals(tagged.GetValueOrDefault(TelemetryTags.StorageTable), "LatencyProbeReferences"))
            {
                measured.Enqueue((value, tagged));
            }
        });
        listener.Start();

        var options = new StubClientOptions { Transport = new HttpClientTransport(new HttpClient(new Answer(HttpStatusCode.NoContent))) };
        options.AddPolicy(new StorageLatencyPolicy(), HttpPipelinePosition.PerCall);
        var pipeline = HttpPipelineBuilder.Build(options);
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        message.Request.Uri.Reset(new Uri("https://learningbot.table.core.windows.net/LatencyProbeReferences(PartitionKey='personal',RowKey='29%3A1-alex')"));

        await pipeline.SendAsync(message, CancellationToken.None);

        var (milliseconds, tags) = Assert.Single(measured);
        Assert.InRange(milliseconds, 0, 60_000);
        Assert.Equal("LatencyProbeReferences", tags[TelemetryTags.StorageTable]);
        Assert.Equal("PUT", tags[TelemetryTags.HttpMethod]);
        Assert.Equal(204, tags[TelemetryTags.HttpStatusCode]);
        Assert.Equal(3, tags.Count);
    }

    private sealed class StubClientOptions : ClientOptions;

    private sealed class Answer(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
    }
}
