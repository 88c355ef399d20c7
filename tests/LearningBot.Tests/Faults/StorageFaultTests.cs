using Azure.Core;
using Azure.Identity;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LearningBot.Tests.Faults;

/// <summary>
/// Storage trouble degrades, never hangs: with table storage silent, slow, busy, resetting or refusing connections, or
/// the managed identity unable to get a token, the bot starts within 15 s, <c>help</c> shows its card, a question is
/// answered, a turn that needs storage apologises with a reference, each within 5 s, and the Bot Connector never gets a 5xx.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class StorageFaultTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData(FaultMode.PassThrough)]
    [InlineData(FaultMode.BlackHole)]
    [InlineData(FaultMode.Slow)]
    [InlineData(FaultMode.ServiceUnavailable)]
    [InlineData(FaultMode.Reset)]
    [InlineData(FaultMode.Refuse)]
    public async Task The_bot_starts_and_answers_every_turn_in_time_whatever_storage_does(FaultMode mode)
    {
        await using var bot = await FaultBot.StartAsync(azurite, output, mode == FaultMode.Slow ? "Slow 3 s" : mode.ToString(), mode, delay: TimeSpan.FromSeconds(3));

        Assert.True(bot.Started <= FaultBot.StartLimit, $"start took {bot.Started.TotalSeconds:0.00} s");
        await bot.HelpAsync();
        await bot.AskAsync();
        var (body, _) = await bot.EscalateAsync(Guid.NewGuid().ToString("N"));
        if (mode == FaultMode.PassThrough)
        {
            Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]?.GetValue<string>());
        }
        else
        {
            FaultBot.AssertApology(body);
        }
    }

    [Fact]
    public async Task A_storage_that_answers_slowly_but_within_the_attempt_limit_still_serves_every_turn_in_time()
    {
        await using var bot = await FaultBot.StartAsync(azurite, output, "Slow 0.5 s", FaultMode.Slow, delay: TimeSpan.FromSeconds(0.5));

        Assert.True(bot.Started <= FaultBot.StartLimit, $"start took {bot.Started.TotalSeconds:0.00} s");
        await bot.HelpAsync();
        await bot.AskAsync();
        var (body, _) = await bot.EscalateAsync(Guid.NewGuid().ToString("N"));
        Assert.Contains(body["type"]?.GetValue<string>(), new[] { "application/vnd.microsoft.card.adaptive", "application/vnd.microsoft.activity.message" });
    }

    [Theory]
    [InlineData(typeof(AuthenticationFailedException))]
    [InlineData(typeof(CredentialUnavailableException))]
    public async Task A_managed_identity_that_cannot_renew_its_token_is_a_storage_fault_like_any_other(Type failure)
    {
        var credential = new ExpiredCredential((Exception)Activator.CreateInstance(failure, "The managed identity token expired and could not be renewed.")!);
        await using var bot = await FaultBot.StartAsync(azurite, output, failure.Name, services: services => services.AddSingleton(TableStorage.Create(
            new TableStorageOptions { TableEndpoint = new Uri("https://127.0.0.1:1/devstoreaccount1"), TablePrefix = azurite.TablePrefix },
            credential)));

        Assert.True(bot.Started <= FaultBot.StartLimit, $"start took {bot.Started.TotalSeconds:0.00} s");
        await bot.HelpAsync();
        await bot.AskAsync();
        var (body, _) = await bot.EscalateAsync(Guid.NewGuid().ToString("N"));
        FaultBot.AssertApology(body);
        Assert.True(credential.Calls > 0);
    }

    /// <summary>A managed identity whose token has expired and cannot be renewed.</summary>
    private sealed class ExpiredCredential(Exception failure) : TokenCredential
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            throw failure;
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return ValueTask.FromException<AccessToken>(failure);
        }
    }
}
