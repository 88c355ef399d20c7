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

    [Fact]
    public async Task Each_queue_call_is_measured_with_its_queue_method_and_status_only()
    {
        var measured = new ConcurrentQueue<Dictionary<string, object?>>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == BotTelemetry.Name && instrument.Name == "learningbot.storage.duration")
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value);
            if (Equals(tagged.GetValueOrDefault(TelemetryTags.StorageQueue), "latency-probe-kicks"))
            {
                measured.Enqueue(tagged);
            }
        });
        listener.Start();

        var options = new StubClientOptions { Transport = new HttpClientTransport(new HttpClient(new Answer(HttpStatusCode.Created))) };
        options.AddPolicy(StorageLatencyPolicy.ForQueues(), HttpPipelinePosition.PerCall);
        var pipeline = HttpPipelineBuilder.Build(options);
        using var message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri("http://127.0.0.1:10001/devstoreaccount1/latency-probe-kicks/messages?visibilitytimeout=30"));

        await pipeline.SendAsync(message, CancellationToken.None);

        var tags = Assert.Single(measured);
        Assert.Equal("POST", tags[TelemetryTags.HttpMethod]);
        Assert.Equal(201, tags[TelemetryTags.HttpStatusCode]);
        Assert.Equal(3, tags.Count);
    }

    [Theory]
    [InlineData("/devstoreaccount1/Questions(PartitionKey='a',RowKey='b')", "Questions")]
    [InlineData("/People()", "People")]
    [InlineData("/Tables", "Tables")]
    [InlineData("/devstoreaccount1/$batch", "$batch")]
    [InlineData("/devstoreaccount1/Not-A-Table", "unknown")]
    [InlineData("/devstoreaccount1/Ledger0f3a9bd42c250fb1ae6462f698d58bed(PartitionKey='0f3a9bd42c250fb1ae6462f698d58bed',RowKey='r|x')", "Ledger")]
    [InlineData("/devstoreaccount1/stagingLedger0f3a9bd42c250fb1ae6462f698d58bed()", "stagingLedger")]
    [InlineData("/devstoreaccount1/Ledger0F3A9BD42C250FB1AE6462F698D58BED", "Ledger0F3A9BD42C250FB1AE6462F698D58BED")]
    public void A_table_is_named_by_the_last_segment_of_its_path(string path, string table) =>
        Assert.Equal(table, StorageLatencyPolicy.TableOf(path));

    [Theory]
    [InlineData("/devstoreaccount1/outbox-kicks/messages", "outbox-kicks")]
    [InlineData("/outbox-kicks/messages/0f3a-11", "outbox-kicks")]
    [InlineData("/delivery-due", "delivery-due")]
    [InlineData("/devstoreaccount1/Not_A_Queue/messages", "unknown")]
    public void A_queue_is_named_by_the_segment_before_its_messages(string path, string queue) =>
        Assert.Equal(queue, StorageLatencyPolicy.QueueOf(path));

    [Fact]
    public void Naming_a_table_or_queue_seen_before_allocates_nothing()
    {
        const string TablePath = "/devstoreaccount1/AllocationProbe(PartitionKey='p',RowKey='r')";
        const string QueuePath = "/devstoreaccount1/allocation-probe/messages";
        var table = StorageLatencyPolicy.TableOf(TablePath);
        var queue = StorageLatencyPolicy.QueueOf(QueuePath);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var tableAgain = StorageLatencyPolicy.TableOf(TablePath);
        var queueAgain = StorageLatencyPolicy.QueueOf(QueuePath);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Same(table, tableAgain);
        Assert.Same(queue, queueAgain);
    }

    private sealed class StubClientOptions : ClientOptions;

    private sealed class Answer(HttpStatusCode status) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request });
    }
}
