using LearningBot.Storage.Leases;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.Storage;

public sealed class PeriodicLeaseTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    [Fact]
    public async Task One_instance_wins_each_period_and_the_next_period_is_claimed_again()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-20T09:00:00Z"));
        var (first, second) = (Lease(clock), Lease(clock));
        var job = NewJob();

        var claims = await Task.WhenAll(first.TryClaimAsync(job, Day, CancellationToken.None), second.TryClaimAsync(job, Day, CancellationToken.None));
        var won = Assert.Single(claims, claim => claim is not null)!;
        await (claims[0] is null ? second : first).CompleteAsync(won, CancellationToken.None);
        Assert.Null(await first.TryClaimAsync(job, Day, CancellationToken.None));

        clock.Advance(TimeSpan.FromHours(15));
        var tomorrow = await second.TryClaimAsync(job, Day, CancellationToken.None);

        Assert.Equal(DateTimeOffset.Parse("2026-11-20T00:00:00Z"), won.PeriodStart);
        Assert.Equal(DateTimeOffset.Parse("2026-11-21T00:00:00Z"), tomorrow?.PeriodStart);
    }

    [Fact]
    public async Task A_period_whose_winner_stopped_is_taken_over_once_its_lease_runs_out()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-20T09:00:00Z"));
        var (stopped, other) = (Lease(clock), Lease(clock));
        var job = NewJob();
        Assert.NotNull(await stopped.TryClaimAsync(job, Day, CancellationToken.None));

        var whileHeld = await other.TryClaimAsync(job, Day, CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(11));
        var afterExpiry = await other.TryClaimAsync(job, Day, CancellationToken.None);

        Assert.Null(whileHeld);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T00:00:00Z"), afterExpiry?.PeriodStart);
    }

    [Fact]
    public void Periods_are_slices_of_time_counted_from_the_epoch()
    {
        var at = DateTimeOffset.Parse("2026-11-20T09:07:31Z");

        Assert.Equal(DateTimeOffset.Parse("2026-11-20T00:00:00Z"), PeriodicLease.PeriodStart(at, Day));
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T09:00:00Z"), PeriodicLease.PeriodStart(at, TimeSpan.FromMinutes(15)));
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T09:07:30Z"), PeriodicLease.PeriodStart(at, TimeSpan.FromSeconds(30)));
    }

    private PeriodicLease Lease(TimeProvider clock) =>
        new(azurite.Storage, Options.Create(new LeaseOptions()), clock, NullLogger<PeriodicLease>.Instance);

    private static string NewJob() => "job-" + Guid.NewGuid().ToString("N")[..8];
}
