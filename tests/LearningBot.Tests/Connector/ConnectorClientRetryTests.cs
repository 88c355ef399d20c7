using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Net.Http.Headers;
using LearningBot.Connector.Client;
using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Connector;

public sealed class ConnectorClientRetryTests : ConnectorClientTest
{

    private static readonly Activity Hello = new() { Type = ActivityTypes.Message, Text = "hello" };

    [Fact]
    public async Task Throttled_send_waits_for_Retry_After_then_succeeds()
    {
        Connector.FailNext(new FakeFailure(429, TeamsErrorCodes.Throttled, RetryAfter: "1"));
        var clock = Stopwatch.StartNew();

        var sent = await Client.SendToConversationAsync("a:1", Hello);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {clock.Elapsed}");
        Assert.Equal(2, Connector.Requests.Count);
        Assert.Equal(sent.Id, Assert.Single(Connector.Sent).ActivityId);
    }

    [Fact]
    public async Task Precondition_failed_send_is_retried()
    {
        Connector.FailNext(new FakeFailure(412, TeamsErrorCodes.PreconditionFailed));

        await Client.SendToConversationAsync("a:1", Hello);

        Assert.Equal(2, Connector.Requests.Count);
        Assert.Single(Connector.Sent);
    }

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Send_is_not_retried_on_a_server_error_because_it_could_post_twice(int status)
    {
        Connector.FailNext(new FakeFailure(status));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendToConversationAsync("a:1", Hello));

        Assert.Equal((HttpStatusCode)status, failure.StatusCode);
        Assert.Single(Connector.Requests);
    }

    [Fact]
    public async Task Update_is_retried_on_a_server_error()
    {
        var sent = await Client.SendToConversationAsync("a:1", Hello);
        Connector.FailNext(new FakeFailure(503), times: 2);

        await Client.UpdateActivityAsync("a:1", sent.Id!, Hello with { Text = "edited" });

        Assert.Equal(4, Connector.Requests.Count);
        Assert.Equal("edited", Assert.Single(Connector.Current("a:1")).Activity.Text);
    }

    [Fact]
    public async Task Retries_stop_after_the_cap_and_the_last_failure_is_thrown()
    {
        Connector.FailNext(new FakeFailure(503, "ServiceUnavailable"), times: 10);

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.GetTeamDetailsAsync("19:team"));

        Assert.Equal(1 + 3, Connector.Requests.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Equal("ServiceUnavailable", failure.Code);
        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_longest_wait_is_handed_to_the_caller()
    {
        Connector.FailNext(new FakeFailure(429, TeamsErrorCodes.Throttled, RetryAfter: "120"));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.SendToConversationAsync("a:1", Hello));

        Assert.Single(Connector.Requests);
        Assert.Equal(TimeSpan.FromSeconds(120), failure.RetryAfter);
        Assert.True(failure.Has(TeamsErrorCodes.Throttled));
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        Connector.FailNext(new FakeFailure(400, TeamsErrorCodes.BadArgument, "Unknown activity type"));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => Client.GetConversationMembersAsync("a:1"));

        Assert.Single(Connector.Requests);
        Assert.Equal("Unknown activity type", failure.ErrorMessage);
    }

    [Fact]
    public async Task A_connector_that_is_not_listening_fails_with_no_status()
    {
        var port = Connector.Port;
        await Connector.DisposeAsync();
        Connector = await FakeConnector.StartAsync();
        var client = Services.ClientFor($"http://127.0.0.1:{port}/_connector");

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => client.SendToConversationAsync("a:1", Hello));

        Assert.Null(failure.StatusCode);
        Assert.Equal("ConnectionFailed", failure.Code);
    }

    [Fact]
    public async Task A_read_that_times_out_is_tried_again()
    {
        await using var services = FakeConnectorClients.Build(new Dictionary<string, string?> { ["ConnectorClient:RequestTimeout"] = "00:00:01.500" });
        Connector.StallNext(TimeSpan.FromSeconds(5));

        var team = await services.ClientFor(Connector.ServiceUrl).GetTeamDetailsAsync("19:team");

        Assert.Equal("Learning Hub", team.Name);
        Assert.Equal(2, Connector.Requests.Count);
    }

    [Fact]
    public async Task A_send_that_times_out_is_not_sent_again()
    {
        await using var services = FakeConnectorClients.Build(new Dictionary<string, string?> { ["ConnectorClient:RequestTimeout"] = "00:00:01.500" });
        Connector.StallNext(TimeSpan.FromSeconds(5));

        var failure = await Assert.ThrowsAsync<ConnectorException>(() => services.ClientFor(Connector.ServiceUrl).SendToConversationAsync("a:1", Hello));

        Assert.Null(failure.StatusCode);
        Assert.Equal("Timeout", failure.Code);
        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.Single(Connector.Requests);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_turned_into_a_connector_failure()
    {
        Connector.StallNext(TimeSpan.FromSeconds(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetTeamDetailsAsync("19:team", cancel.Token));

        Assert.Single(Connector.Requests);
    }

    [Fact]
    public void Retry_After_is_read_as_seconds_or_as_an_HTTP_date()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromSeconds(7), ConnectorRetryPolicy.ReadRetryAfter(RetryConditionHeaderValue.Parse("7"), now));
        Assert.Equal(TimeSpan.FromSeconds(30), ConnectorRetryPolicy.ReadRetryAfter(RetryConditionHeaderValue.Parse("Sun, 01 Mar 2026 12:00:30 GMT"), now));
        Assert.Equal(TimeSpan.Zero, ConnectorRetryPolicy.ReadRetryAfter(RetryConditionHeaderValue.Parse("Sun, 01 Mar 2026 11:59:00 GMT"), now));
        Assert.Null(ConnectorRetryPolicy.ReadRetryAfter(null, now));
    }

    [Fact]
    public void Backoff_grows_exponentially_with_full_jitter_and_is_capped()
    {
        var policy = new ConnectorRetryPolicy(new ConnectorRetryOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(10) });
        var random = new Random(42);

        var waits = Enumerable.Range(0, 200).Select(_ => policy.Backoff(5, random)).ToList();

        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, TimeSpan.FromSeconds(10)));
        Assert.Contains(waits, w => w < TimeSpan.FromSeconds(2));
        Assert.Contains(waits, w => w > TimeSpan.FromSeconds(8));
        Assert.All(Enumerable.Range(0, 50).Select(_ => policy.Backoff(0, random)), w => Assert.InRange(w, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void The_total_wait_is_capped()
    {
        var policy = new ConnectorRetryPolicy(new ConnectorRetryOptions { MaxRetries = 5, MaxDelay = TimeSpan.FromSeconds(10), MaxTotalDelay = TimeSpan.FromSeconds(20) });

        Assert.Equal(TimeSpan.FromSeconds(8), policy.NextDelay(1, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(10), Random.Shared));
        Assert.Null(policy.NextDelay(2, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(18), Random.Shared));
        Assert.Null(policy.NextDelay(5, TimeSpan.FromSeconds(1), TimeSpan.Zero, Random.Shared));
    }

    [Theory]
    [InlineData("POST", 429, true)]
    [InlineData("POST", 412, true)]
    [InlineData("POST", 503, false)]
    [InlineData("PUT", 503, true)]
    [InlineData("GET", 502, true)]
    [InlineData("DELETE", 504, true)]
    [InlineData("GET", 500, false)]
    [InlineData("GET", 404, false)]
    public void Which_failures_are_retried(string method, int status, bool retried) =>
        Assert.Equal(retried, ConnectorRetryPolicy.IsRetryable(new HttpMethod(method), (HttpStatusCode)status));
}
