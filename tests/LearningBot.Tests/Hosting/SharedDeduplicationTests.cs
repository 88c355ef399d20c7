using System.Text.Json;
using LearningBot.Connector;
using LearningBot.Connector.Client;
using LearningBot.Connector.Hosting;
using LearningBot.Connector.Schema;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Hosting;

/// <summary>Two deduplicators on one Azurite, as two instances have: what one ran, the other does not run again.</summary>
public sealed class SharedDeduplicationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_invoke_run_on_one_instance_is_answered_on_the_other_with_the_same_response()
    {
        var (first, second) = (Instance(), Instance());
        var press = Invoke();
        var runs = 0;
        Task<InvokeResponse?> Run() => Task.FromResult<InvokeResponse?>(new InvokeResponse(200, new { statusCode = 200, value = $"run {++runs}" }));

        var (response, duplicate) = await first.ProcessOnceAsync(press, Run);
        var (again, wasDuplicate) = await second.ProcessOnceAsync(press, Run);

        Assert.Equal(1, runs);
        Assert.False(duplicate);
        Assert.True(wasDuplicate);
        Assert.Equal(200, again!.Status);
        Assert.Equal(JsonSerializer.Serialize(response!.Body, BotJson.Options), JsonSerializer.Serialize(again.Body, BotJson.Options));
    }

    [Fact]
    public async Task An_invoke_is_answered_before_its_response_is_stored_and_the_other_instance_waits_for_it()
    {
        await using var proxy = FaultProxy.Start(azurite.Port);
        var slowClaims = Claims(Through(proxy));
        var (first, second) = (new ActivityDeduplicator(TimeProvider.System, slowClaims), Instance());
        var press = Invoke();
        var key = InboundActivityClaims.KeyFor(press, DateTimeOffset.UtcNow);
        var stored = await azurite.Storage.Table(InboundActivityClaims.TableName).GetAsync(CancellationToken.None);

        // The claim goes through at once; from the moment the turn answers, storage holds each request for 2 s.
        var (response, _) = await first.ProcessOnceAsync(press, () =>
        {
            proxy.Set(FaultMode.Slow, TimeSpan.FromSeconds(2));
            return Task.FromResult<InvokeResponse?>(new InvokeResponse(200, new { statusCode = 200, value = "saved" }));
        });
        var claimWhenAnswered = await stored.FindAsync<InboundActivityEntity>(key.PartitionKey, key.RowKey);
        var (again, duplicate) = await second.ProcessOnceAsync(press, () => throw new InvalidOperationException("ran twice"));
        await slowClaims.DrainAsync(CancellationToken.None);

        Assert.False(claimWhenAnswered!.Finished);
        Assert.True(duplicate);
        Assert.Equal(JsonSerializer.Serialize(response!.Body, BotJson.Options), JsonSerializer.Serialize(again!.Body, BotJson.Options));
        Assert.True((await stored.FindAsync<InboundActivityEntity>(key.PartitionKey, key.RowKey))!.Finished);
    }

    [Fact]
    public async Task A_large_card_response_is_answered_on_the_other_instance_too()
    {
        var (first, second) = (Instance(), Instance());
        var press = Invoke();
        // Larger than a table's text property can hold (32K characters), as a long article's card can be.
        var card = new { type = "AdaptiveCard", body = Enumerable.Range(0, 400).Select(i => new { type = "TextBlock", text = $"Paragraph {i} of a long answer, with \"quotes\" and ünïcode.", wrap = true }) };
        var response = new InvokeResponse(200, new { statusCode = 200, type = "application/vnd.microsoft.card.adaptive", value = card });

        await first.ProcessOnceAsync(press, () => Task.FromResult<InvokeResponse?>(response));
        var (again, wasDuplicate) = await second.ProcessOnceAsync(press, () => throw new InvalidOperationException("ran twice"));

        Assert.True(wasDuplicate);
        var sent = JsonSerializer.Serialize(response.Body, BotJson.Options);
        Assert.True(sent.Length > 32 * 1024);
        Assert.Equal(sent, JsonSerializer.Serialize(again!.Body, BotJson.Options));
    }

    [Fact]
    public async Task A_response_that_gives_back_typed_text_with_an_nhs_number_is_answered_but_not_stored()
    {
        var claims = Claims(azurite.Storage);
        var (first, second) = (new ActivityDeduplicator(TimeProvider.System, claims), Instance());
        const string typed = "Patient 943 476 5919 fell twice, is there falls training?";
        var press = Invoke() with { Value = JsonSerializer.SerializeToElement(new { action = new { verb = "ask.send", data = new { question = typed, reason = "" } } }) };
        var problems = new InvokeResponse(200, new { statusCode = 200, value = new { type = "AdaptiveCard", body = new[] { new { type = "Input.Text", id = "question", value = typed } } } });

        var (response, _) = await first.ProcessOnceAsync(press, () => Task.FromResult<InvokeResponse?>(problems));
        await claims.DrainAsync(CancellationToken.None);
        var (again, duplicate) = await second.ProcessOnceAsync(press, () => throw new InvalidOperationException("ran twice"));

        Assert.Contains("943 476 5919", JsonSerializer.Serialize(response!.Body, BotJson.Options), StringComparison.Ordinal);
        var key = InboundActivityClaims.KeyFor(press, DateTimeOffset.UtcNow);
        var stored = await (await azurite.Storage.Table(InboundActivityClaims.TableName).GetAsync(CancellationToken.None))
            .FindAsync<InboundActivityEntity>(key.PartitionKey, key.RowKey);
        Assert.True(stored!.Finished);
        Assert.Null(stored.InvokeBodyGzip);
        Assert.Null(stored.InvokeBody);
        Assert.True(duplicate);
        Assert.Equal(200, again!.Status);
        Assert.Null(again.Body);
    }

    [Fact]
    public async Task A_response_that_gives_back_typed_text_with_nothing_to_scrub_is_stored_as_usual()
    {
        var (first, second) = (Instance(), Instance());
        const string typed = "Is there falls training for night staff?";
        var press = Invoke() with { Value = JsonSerializer.SerializeToElement(new { action = new { verb = "ask.send", data = new { question = typed } } }) };
        var card = new InvokeResponse(200, new { statusCode = 200, value = new { type = "AdaptiveCard", body = new[] { new { type = "Input.Text", id = "question", value = typed } } } });

        await first.ProcessOnceAsync(press, () => Task.FromResult<InvokeResponse?>(card));
        var (again, duplicate) = await second.ProcessOnceAsync(press, () => throw new InvalidOperationException("ran twice"));

        Assert.True(duplicate);
        Assert.Equal(JsonSerializer.Serialize(card.Body, BotJson.Options), JsonSerializer.Serialize(again!.Body, BotJson.Options));
    }

    [Fact]
    public async Task A_run_that_failed_on_one_instance_runs_again_on_the_other()
    {
        var (first, second) = (Instance(), Instance());
        var press = Invoke();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first.ProcessOnceAsync(press, () => throw new InvalidOperationException("failed")));
        var (response, duplicate) = await second.ProcessOnceAsync(press, () => Task.FromResult<InvokeResponse?>(new InvokeResponse(200)));

        Assert.False(duplicate);
        Assert.Equal(200, response!.Status);
    }

    [Fact]
    public async Task With_storage_unavailable_the_turn_still_runs_once_per_instance()
    {
        var instance = Instance(Unreachable());
        var press = Invoke();
        var runs = 0;

        var (_, duplicate) = await instance.ProcessOnceAsync(press, () => Task.FromResult<InvokeResponse?>(new InvokeResponse(200 + runs++)));
        var (_, again) = await instance.ProcessOnceAsync(press, () => Task.FromResult<InvokeResponse?>(new InvokeResponse(200 + runs++)));

        Assert.Equal(1, runs);
        Assert.False(duplicate);
        Assert.True(again);
    }

    [Fact]
    public async Task With_storage_unavailable_a_redelivered_invoke_still_gets_the_first_runs_response()
    {
        var instance = Instance(Unreachable());
        var press = Invoke();
        var card = new { type = "AdaptiveCard", body = new[] { new { type = "TextBlock", text = "Saved at 14:32 — thank you", wrap = true } } };
        var first = new InvokeResponse(200, new { statusCode = 200, type = "application/vnd.microsoft.card.adaptive", value = card });

        await instance.ProcessOnceAsync(press, () => Task.FromResult<InvokeResponse?>(first));
        var (again, duplicate) = await instance.ProcessOnceAsync(press, () => throw new InvalidOperationException("ran twice"));

        Assert.True(duplicate);
        Assert.Equal(JsonSerializer.Serialize(first.Body, BotJson.Options), JsonSerializer.Serialize(again!.Body, BotJson.Options));
    }

    /// <summary>Storage behind a port nothing listens on, failing fast.</summary>
    private TableStorage Unreachable() => TableStorage.Create(new TableStorageOptions
    {
        ConnectionString = AzuriteFixture.ConnectionStringThrough(1), TablePrefix = azurite.TablePrefix, MaxRetries = 0,
        NetworkTimeout = TimeSpan.FromMilliseconds(500),
    });

    private TableStorage Through(FaultProxy proxy) => TableStorage.Create(new TableStorageOptions
    {
        ConnectionString = AzuriteFixture.ConnectionStringThrough(proxy.Port), TablePrefix = azurite.TablePrefix,
    });

    private ActivityDeduplicator Instance(TableStorage? storage = null) => new(TimeProvider.System, Claims(storage ?? azurite.Storage));

    private static InboundActivityClaims Claims(TableStorage storage)
    {
        var limits = new TurnLimits(Options.Create(new BotHostingOptions()), Options.Create(new TableStorageOptions()), Options.Create(new ConnectorRetryOptions()));
        return new InboundActivityClaims(storage, limits, TimeProvider.System, NullLogger<InboundActivityClaims>.Instance);
    }

    private static Activity Invoke() => new()
    {
        Type = "invoke",
        Name = "adaptiveCard/action",
        Id = "f:" + Guid.NewGuid().ToString("N"),
        Timestamp = DateTimeOffset.UtcNow,
        Conversation = new ConversationAccount { Id = "a:" + Guid.NewGuid().ToString("N") },
    };
}
