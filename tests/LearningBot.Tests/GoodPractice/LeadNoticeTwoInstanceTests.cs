using LearningBot.Leads;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.GoodPractice;

/// <summary>Two bot instances on one storage account send the weekly good-practice bundle once.</summary>
public sealed class LeadNoticeTwoInstanceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private LeadNoticeScenario _first = null!;
    private LeadNoticeScenario _second = null!;

    public async Task InitializeAsync()
    {
        _first = await LeadNoticeScenario.StartAsync(azurite);
        _second = await LeadNoticeScenario.StartAsync(azurite);
    }

    public async Task DisposeAsync()
    {
        await _first.Hub.DisposeAsync();
        await _second.Hub.DisposeAsync();
    }

    [Fact]
    public async Task Approving_then_running_the_weekly_job_twice_on_two_instances_sends_one_bundle()
    {
        _first.InWeek(1);
        _second.InWeek(1);
        var lou = await _first.AddLeadAsync("Lou Weekly", "acute-trust", ["medicines"], AlertPreferences.Weekly);
        var id = await _first.ApproveAsync(lou);

        _first.AtBundleTime();
        _second.AtBundleTime();
        var runs = await Task.WhenAll(_first.Bundle.RunPeriodAsync(CancellationToken.None), _second.Bundle.RunPeriodAsync(CancellationToken.None));
        Assert.Single(runs, run => run is not null);

        // The next period (half an hour on): each instance looks again, and the week is done.
        _first.Hub.Clock.Advance(TimeSpan.FromHours(1));
        _second.Hub.Clock.Advance(TimeSpan.FromHours(1));
        await _second.Bundle.RunPeriodAsync(CancellationToken.None);
        await _first.Bundle.RunPeriodAsync(CancellationToken.None);
        await _first.Bundle.SendDueAsync(CancellationToken.None);
        await _second.Bundle.SendDueAsync(CancellationToken.None);

        var bundles = _first.CardsAbout(lou, id).Concat(_second.CardsAbout(lou, id)).ToList();
        Assert.Single(bundles);
        Assert.Equal(1, _first.BundlesFor(lou).Count + _second.BundlesFor(lou).Count);
    }
}
