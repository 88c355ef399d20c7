using LearningBot.Delivery.Sending;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Delivery;

public sealed class ConversationRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock = new(Start);

    private ConversationRateLimiter Limiter(int maxTracked = 50_000) => new(new SendBudgetOptions { MaxTrackedConversations = maxTracked }, _clock);

    [Fact]
    public void Seven_go_in_one_second_and_the_eighth_waits_for_the_first_to_leave_it()
    {
        var limiter = Limiter();

        var granted = Enumerable.Range(0, 7).Select(_ => limiter.TryAcquire("a:chat")).ToList();
        var eighth = limiter.TryAcquire("a:chat");

        Assert.All(granted, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.Equal(TimeSpan.FromSeconds(1), eighth);
    }

    [Fact]
    public void Eight_in_two_seconds_holds_back_the_ninth_even_when_each_second_has_room()
    {
        var limiter = Limiter();
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:chat"));
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:chat"));

        Assert.Equal(TimeSpan.FromSeconds(1), limiter.TryAcquire("a:chat"));
    }

    [Fact]
    public void Sixty_in_thirty_seconds_holds_back_the_sixty_first_until_the_first_leaves_the_window()
    {
        var limiter = Limiter();
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:chat"));
            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(TimeSpan.FromSeconds(15), limiter.TryAcquire("a:chat"));
        _clock.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:chat"));
    }

    [Fact]
    public void Eighteen_hundred_in_an_hour_holds_back_the_next_until_the_hour_has_passed()
    {
        var limiter = Limiter();
        for (var i = 0; i < 1800; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:chat"));
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(TimeSpan.FromSeconds(1800), limiter.TryAcquire("a:chat"));
    }

    [Fact]
    public void A_refused_send_is_not_counted()
    {
        var limiter = Limiter();
        for (var i = 0; i < 7; i++)
        {
            limiter.TryAcquire("a:chat");
        }

        for (var i = 0; i < 5; i++)
        {
            Assert.NotEqual(TimeSpan.Zero, limiter.TryAcquire("a:chat"));
        }

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:chat"));
    }

    [Fact]
    public void Conversations_are_limited_separately()
    {
        var limiter = Limiter();
        for (var i = 0; i < 7; i++)
        {
            limiter.TryAcquire("a:one");
        }

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:two"));
    }

    [Fact]
    public void A_block_holds_the_conversation_until_it_ends()
    {
        var limiter = Limiter();

        limiter.Block("a:chat", Start + TimeSpan.FromSeconds(40));

        Assert.Equal(TimeSpan.FromSeconds(40), limiter.TimeUntilFree("a:chat"));
        Assert.Equal(TimeSpan.FromSeconds(40), limiter.TryAcquire("a:chat"));
        _clock.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire("a:chat"));
    }

    [Fact]
    public void Conversations_idle_for_the_longest_window_are_forgotten_when_room_is_needed()
    {
        var limiter = Limiter(maxTracked: 100);
        for (var i = 0; i < 100; i++)
        {
            limiter.TryAcquire($"a:{i}");
        }

        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        limiter.TryAcquire("a:new");

        Assert.Equal(1, limiter.Tracked);
    }

    [Fact]
    public void Never_remembers_more_conversations_than_allowed()
    {
        var limiter = Limiter(maxTracked: 100);
        for (var i = 0; i < 1000; i++)
        {
            limiter.TryAcquire($"a:{i}");
            _clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.InRange(limiter.Tracked, 1, 100);
    }
}
