using System.Diagnostics;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Storage;

/// <summary>
/// Storage trouble surfaces quickly and as a storage failure, whatever its kind: an account that never answers, one that
/// resets connections, a managed identity that cannot get a token. Inside a turn, all storage calls together stay within
/// the turn's budget.
/// </summary>
public sealed class StorageTimeLimitTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private FaultProxy _proxy = null!;

    public Task InitializeAsync()
    {
        _proxy = FaultProxy.Start(azurite.Port);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _proxy.DisposeAsync();

    [Fact]
    public async Task An_account_that_never_answers_fails_as_a_storage_failure_once_the_attempts_are_spent()
    {
        var storage = Through(new TableStorageOptions { NetworkTimeout = TimeSpan.FromMilliseconds(500), MaxRetries = 1 });
        _proxy.Set(FaultMode.BlackHole);

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => storage.Table("Silent").GetAsync(CancellationToken.None));

        Assert.True(TableErrors.IsStorageFailure(error), error.ToString());
        var failure = Assert.IsType<RequestFailedException>(error);
        Assert.Equal(StorageRetryPolicy.TimeoutCode, failure.ErrorCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task The_shipped_limits_give_up_on_a_silent_account_within_seconds_not_minutes()
    {
        var storage = Through(new TableStorageOptions());
        _proxy.Set(FaultMode.BlackHole);

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => storage.Table("Silent").GetAsync(CancellationToken.None));

        Assert.True(TableErrors.IsStorageFailure(error), error.ToString());
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_turns_storage_calls_together_stop_at_its_budget()
    {
        var storage = Through(new TableStorageOptions());
        var table = await storage.Table("Budgeted").GetAsync(CancellationToken.None);
        _proxy.Set(FaultMode.BlackHole);

        var watch = Stopwatch.StartNew();
        Exception first, second;
        using (StorageBudget.Begin(TimeSpan.FromSeconds(1)))
        {
            first = await Assert.ThrowsAnyAsync<Exception>(() => table.FindAsync<TableEntity>("p", "r"));
            second = await Assert.ThrowsAnyAsync<Exception>(() => table.FindAsync<TableEntity>("p", "r"));
        }

        Assert.True(TableErrors.IsStorageFailure(first), first.ToString());
        Assert.Equal(StorageRetryPolicy.BudgetSpentCode, Assert.IsType<RequestFailedException>(second).ErrorCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(2.5));
    }

    [Fact]
    public async Task Calls_outside_a_turn_are_not_held_to_a_turns_budget()
    {
        var storage = Through(new TableStorageOptions());
        var table = await storage.Table("Unbudgeted").GetAsync(CancellationToken.None);
        using (StorageBudget.Begin(TimeSpan.FromSeconds(1)))
        {
            _proxy.Set(FaultMode.BlackHole);
            await Assert.ThrowsAnyAsync<Exception>(() => table.FindAsync<TableEntity>("p", "r"));
            _proxy.Set(FaultMode.PassThrough);
        }

        Assert.Null(await table.FindAsync<TableEntity>("p", "r"));
    }

    [Theory]
    [InlineData(FaultMode.Reset)]
    [InlineData(FaultMode.Refuse)]
    [InlineData(FaultMode.ServiceUnavailable)]
    public async Task Resets_refusals_and_busy_answers_are_storage_failures(FaultMode mode)
    {
        var storage = Through(new TableStorageOptions { RetryDelay = TimeSpan.FromMilliseconds(20), MaxRetryDelay = TimeSpan.FromMilliseconds(50) });
        _proxy.Set(mode);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => storage.Table("Faulty").GetAsync(CancellationToken.None));

        Assert.True(TableErrors.IsStorageFailure(error), error.ToString());
    }

    [Theory]
    [InlineData(typeof(AuthenticationFailedException))]
    [InlineData(typeof(CredentialUnavailableException))]
    public async Task A_managed_identity_that_cannot_get_a_token_is_a_storage_failure(Type failure)
    {
        var storage = WithIdentity(new FailingCredential((Exception)Activator.CreateInstance(failure, "The token expired and could not be renewed.")!));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => storage.Table("Identity").GetAsync(CancellationToken.None));

        Assert.IsType(failure, error);
        Assert.True(TableErrors.IsStorageFailure(error));
    }

    [Fact]
    public async Task A_managed_identity_endpoint_that_hangs_is_given_up_on_as_a_storage_failure()
    {
        var storage = WithIdentity(new FailingCredential(null));

        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => storage.Table("Identity").GetAsync(CancellationToken.None));

        Assert.IsType<AuthenticationFailedException>(error);
        Assert.True(TableErrors.IsStorageFailure(error));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_callers_cancellation_is_cancellation_not_a_storage_failure()
    {
        var storage = Through(new TableStorageOptions());
        _proxy.Set(FaultMode.BlackHole);
        using var cancelled = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => storage.Table("Cancelled").GetAsync(cancelled.Token));

        Assert.False(TableErrors.IsStorageFailure(error));
    }

    private TableStorage Through(TableStorageOptions options) =>
        TableStorage.Create(options with { ConnectionString = AzuriteFixture.ConnectionStringThrough(_proxy.Port), TablePrefix = azurite.TablePrefix });

    private static TableStorage WithIdentity(TokenCredential credential) =>
        TableStorage.Create(
            new TableStorageOptions { TableEndpoint = new Uri("https://127.0.0.1:1/devstoreaccount1"), NetworkTimeout = TimeSpan.FromSeconds(1) },
            credential);

    /// <summary>A managed identity that fails with <paramref name="failure"/>, or never answers when it is null.</summary>
    private sealed class FailingCredential(Exception? failure) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            if (failure is not null)
            {
                throw failure;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return default;
        }
    }
}
