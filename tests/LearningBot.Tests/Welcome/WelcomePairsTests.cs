using LearningBot.Connector.Schema;
using LearningBot.Tests.Support;
using LearningBot.Welcome;

namespace LearningBot.Tests.Welcome;

public sealed class WelcomePairsTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-11-20T14:30:00Z");

    [Fact]
    public void Installs_in_ten_times_as_many_conversations_as_its_capacity_keep_the_memory_of_welcomes_within_it()
    {
        using var pairs = new WelcomePairs(new ManualClock(Start), capacity: 1_000);

        for (var i = 0; i < 10_000; i++)
        {
            Assert.True(pairs.ShouldWelcome("a:conversation-" + i, ActivityTypes.InstallationUpdate));
        }

        Assert.InRange(pairs.Count, 0, 1_000);
    }

    [Fact]
    public void The_second_event_of_an_install_is_quiet_and_a_reinstall_welcomes_again()
    {
        var clock = new ManualClock(Start);
        using var pairs = new WelcomePairs(clock, capacity: 10);

        Assert.True(pairs.ShouldWelcome("a:1", ActivityTypes.InstallationUpdate));
        Assert.False(pairs.ShouldWelcome("a:1", ActivityTypes.ConversationUpdate));
        Assert.True(pairs.ShouldWelcome("a:1", ActivityTypes.InstallationUpdate));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(pairs.ShouldWelcome("a:1", ActivityTypes.ConversationUpdate));
    }
}
