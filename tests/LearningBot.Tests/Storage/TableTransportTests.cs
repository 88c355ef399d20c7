using System.Net;
using LearningBot.Storage;
using LearningBot.Storage.Http;
using LearningBot.Tests.Support;
using static LearningBot.Tests.Storage.TableClientEntityTests;

namespace LearningBot.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableTransportTests(AzuriteFixture azurite)
{
    private static readonly TableClientOptions FastRetries = new() { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetries = 3 };

    [Fact]
    public async Task Shared_key_lite_signing_is_accepted()
    {
        using var lite = new TableServiceClient(azurite.ConnectionString, new TableClientOptions { SharedKeyScheme = SharedKeyScheme.SharedKeyLite });
        var table = await lite.CreateTableIfNotExistsAsync(AzuriteFixture.NewTableName());

        await table.UpsertEntityAsync(Progress("lite", "1"));

        Assert.NotNull(await table.GetEntityIfExistsAsync<ProgressEntity>("lite", "1"));
    }

    [Fact]
    public async Task Ping_succeeds_with_the_right_key_and_fails_clearly_with_a_wrong_one()
    {
        var wrongKey = azurite.ConnectionString.Replace(TableConnectionString.DevelopmentAccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal);
        using var impostor = new TableServiceClient(wrongKey);

        await azurite.ServiceClient.PingAsync();
        var error = await Assert.ThrowsAsync<TableStorageException>(() => impostor.PingAsync());

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthorizationFailure", error.ErrorCode);
    }

    [Fact]
    public async Task Health_check_reports_healthy_against_a_running_service_and_unhealthy_when_unreachable()
    {
        using var nowhere = new TableServiceClient("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" +
            TableConnectionString.DevelopmentAccountKey + ";TableEndpoint=http://127.0.0.1:1/devstoreaccount1", FastRetries);
        var context = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext
        {
            Registration = new("storage", new TableStorageHealthCheck(nowhere), null, null),
        };

        var healthy = await new TableStorageHealthCheck(azurite.ServiceClient).CheckHealthAsync(context);
        var unhealthy = await new TableStorageHealthCheck(nowhere).CheckHealthAsync(context);

        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, healthy.Status);
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy, unhealthy.Status);
    }

    [Fact]
    public async Task Server_busy_is_retried_until_the_request_goes_through()
    {
        using var faults = new FaultInjectingHandler();
        using var client = new TableServiceClient(TableConnectionString.Parse(azurite.ConnectionString), FastRetries, faults);
        var table = await client.CreateTableIfNotExistsAsync(AzuriteFixture.NewTableName());

        faults.RejectNext(HttpStatusCode.ServiceUnavailable, times: 2);
        var added = await table.AddEntityAsync(Progress("busy", "1"));

        Assert.Equal(204, added.Status);
        Assert.Equal(3, faults.Attempts);
    }

    [Fact]
    public async Task An_upsert_whose_response_was_lost_is_retried_but_an_add_is_not_turned_into_a_conflict()
    {
        using var faults = new FaultInjectingHandler();
        using var client = new TableServiceClient(TableConnectionString.Parse(azurite.ConnectionString), FastRetries, faults);
        var table = await client.CreateTableIfNotExistsAsync(AzuriteFixture.NewTableName());

        faults.LoseNextResponse(HttpStatusCode.InternalServerError);
        var upserted = await table.UpsertEntityAsync(Progress("lost", "upsert"));
        faults.LoseNextResponse(HttpStatusCode.InternalServerError);
        var addError = await Assert.ThrowsAsync<TableStorageException>(() => table.AddEntityAsync(Progress("lost", "add")));

        Assert.Equal(204, upserted.Status);
        Assert.Equal(TableErrorKind.Transient, addError.Kind);
        Assert.Equal(500, addError.Status);
        Assert.NotNull(await table.GetEntityIfExistsAsync<ProgressEntity>("lost", "add"));
    }

    [Fact]
    public async Task Retries_give_up_after_the_configured_count()
    {
        using var faults = new FaultInjectingHandler();
        using var client = new TableServiceClient(TableConnectionString.Parse(azurite.ConnectionString), FastRetries with { MaxRetries = 2 }, faults);
        var table = client.GetTableClient(AzuriteFixture.NewTableName());

        faults.RejectNext(HttpStatusCode.ServiceUnavailable, times: 10);
        var error = await Assert.ThrowsAsync<TableStorageException>(() => table.GetEntityIfExistsAsync<ProgressEntity>("p", "r"));

        Assert.Equal(TableErrorKind.Throttled, error.Kind);
        Assert.Equal(3, faults.Attempts);
    }

    [Fact]
    public async Task An_unreachable_service_is_a_transient_storage_error()
    {
        using var nowhere = new TableServiceClient("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" +
            TableConnectionString.DevelopmentAccountKey + ";TableEndpoint=http://127.0.0.1:1/devstoreaccount1", FastRetries);

        var error = await Assert.ThrowsAsync<TableStorageException>(() => nowhere.GetTableClient("anything").GetEntityIfExistsAsync<ProgressEntity>("p", "r"));

        Assert.Equal(TableErrorKind.Transient, error.Kind);
        Assert.Equal(0, error.Status);
    }

    /// <summary>Sits in front of the real transport to Azurite and replaces answers with faults on demand.</summary>
    private sealed class FaultInjectingHandler : DelegatingHandler
    {
        private HttpStatusCode _rejectWith;
        private int _rejections;
        private HttpStatusCode? _loseWith;

        public FaultInjectingHandler() : base(new SocketsHttpHandler())
        {
        }

        public int Attempts { get; private set; }

        public void RejectNext(HttpStatusCode status, int times)
        {
            (_rejectWith, _rejections, Attempts) = (status, times, 0);
        }

        /// <summary>The next request reaches the service and is applied, but the caller sees this status instead.</summary>
        public void LoseNextResponse(HttpStatusCode status) => _loseWith = status;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Attempts++;
            if (_rejections > 0)
            {
                _rejections--;
                return new HttpResponseMessage(_rejectWith) { Content = new StringContent("""{"odata.error":{"code":"ServerBusy","message":{"value":"busy"}}}""") };
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (_loseWith is { } lost)
            {
                _loseWith = null;
                response.Dispose();
                return new HttpResponseMessage(lost) { Content = new StringContent("""{"odata.error":{"code":"InternalError","message":{"value":"lost"}}}""") };
            }

            return response;
        }
    }
}
