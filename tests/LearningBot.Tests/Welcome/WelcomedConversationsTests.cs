using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;
using LearningBot.Welcome;
using Microsoft.Extensions.Logging.Abstractions;

namespace LearningBot.Tests.Welcome;

/// <summary>Which install event welcomes, decided in real table storage (Azurite) so that every instance decides alike.</summary>
public sealed class WelcomedConversationsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-20T14:30:00Z");

    [Fact]
    public async Task The_second_event_of_an_install_is_quiet_and_a_reinstall_welcomes_again()
    {
        var clock = new ManualClock(Start);
        var welcomed = NewStore(clock);
        var conversation = NewConversation();

        Assert.NotNull(await welcomed.ClaimAsync(conversation, ActivityTypes.InstallationUpdate, CancellationToken.None));
        Assert.Null(await welcomed.ClaimAsync(conversation, ActivityTypes.ConversationUpdate, CancellationToken.None));
        Assert.NotNull(await welcomed.ClaimAsync(conversation, ActivityTypes.InstallationUpdate, CancellationToken.None));
        clock.Advance(WelcomedConversations.PairWindow * 2);
        Assert.NotNull(await welcomed.ClaimAsync(conversation, ActivityTypes.ConversationUpdate, CancellationToken.None));
    }

    [Fact]
    public async Task The_two_events_of_an_install_reaching_two_instances_at_once_welcome_once()
    {
        var clock = new ManualClock(Start);
        var (first, second) = (NewStore(clock), NewStore(clock));

        for (var install = 0; install < 20; install++)
        {
            var conversation = NewConversation();
            var decisions = await Task.WhenAll(
                first.ClaimAsync(conversation, ActivityTypes.InstallationUpdate, CancellationToken.None),
                second.ClaimAsync(conversation, ActivityTypes.ConversationUpdate, CancellationToken.None));

            Assert.Single(decisions, claim => claim is not null);
        }
    }

    [Fact]
    public async Task The_row_names_no_conversation()
    {
        var conversation = NewConversation();

        await NewStore(new ManualClock(Start)).ClaimAsync(conversation, ActivityTypes.InstallationUpdate, CancellationToken.None);

        var rows = azurite.Table(WelcomedConversations.TableName).Query<Azure.Data.Tables.TableEntity>().ToList();
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, row => row.RowKey.Contains(conversation[2..], StringComparison.Ordinal)
            || row.Select(property => property.Value).OfType<string>().Any(value => value.Contains(conversation[2..], StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_storage_unavailable_an_install_still_welcomes()
    {
        const string NobodyListening = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;";
        var unavailable = LearningBot.Storage.TableStorage.Create(new LearningBot.Storage.TableStorageOptions { ConnectionString = NobodyListening, TablePrefix = azurite.TablePrefix });
        var welcomed = new WelcomedConversations(unavailable, new ManualClock(Start), NullLogger<WelcomedConversations>.Instance);
        using var turn = LearningBot.Storage.StorageBudget.Begin(TimeSpan.FromSeconds(2));

        Assert.NotNull(await welcomed.ClaimAsync(NewConversation(), ActivityTypes.InstallationUpdate, CancellationToken.None));
    }

    [Fact]
    public async Task A_welcome_given_back_lets_the_other_event_of_the_install_welcome()
    {
        var welcomed = NewStore(new ManualClock(Start));
        var conversation = NewConversation();
        var claim = await welcomed.ClaimAsync(conversation, ActivityTypes.InstallationUpdate, CancellationToken.None);

        await welcomed.GiveBackAsync(claim!);

        Assert.NotNull(await welcomed.ClaimAsync(conversation, ActivityTypes.ConversationUpdate, CancellationToken.None));
    }

    [Fact]
    public async Task A_welcome_given_back_after_a_later_welcome_leaves_the_later_one_recorded()
    {
        var clock = new ManualClock(Start);
        var welcomed = NewStore(clock);
        var conversation = NewConversation();
        var stale = await welcomed.ClaimAsync(conversation, ActivityTypes.InstallationUpdate, CancellationToken.None);
        clock.Advance(WelcomedConversations.PairWindow * 2);
        Assert.NotNull(await welcomed.ClaimAsync(conversation, ActivityTypes.ConversationUpdate, CancellationToken.None));

        await welcomed.GiveBackAsync(stale!);

        Assert.Null(await welcomed.ClaimAsync(conversation, ActivityTypes.InstallationUpdate, CancellationToken.None));
    }

    private WelcomedConversations NewStore(TimeProvider clock) => new(azurite.Storage, clock, NullLogger<WelcomedConversations>.Instance);

    private static string NewConversation() => "a:" + Guid.NewGuid().ToString("N");
}
