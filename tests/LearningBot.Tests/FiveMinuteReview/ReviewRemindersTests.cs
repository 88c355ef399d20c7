using LearningBot.FiveMinuteReview;
using LearningBot.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LearningBot.Tests.FiveMinuteReview;

public sealed class ReviewRemindersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private ReviewHarness _h = null!;

    public async Task InitializeAsync() => _h = await ReviewHarness.StartWithChatsAsync(azurite);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    private ReviewReminders Reminders => _h.Bot.Services.GetRequiredService<ReviewReminders>();

    private IReadOnlyList<string> Reminded() =>
        [.. _h.CardsSentTo(ReviewHarness.Manager).Where(c => c.Contains("Reminder:", StringComparison.Ordinal) && c.Contains(_h.Tom.Name, StringComparison.Ordinal))];

    [Fact]
    public async Task Reminds_the_manager_once_before_the_due_date_and_once_when_overdue()
    {
        await _h.RunFullReviewAsync(); // next review 22 February 2027

        _h.Clock.Now = new DateTimeOffset(2027, 2, 10, 6, 0, 0, TimeSpan.Zero);
        await Reminders.RunOnceAsync(CancellationToken.None);
        Assert.Empty(Reminded());

        _h.Clock.Now = new DateTimeOffset(2027, 2, 16, 6, 0, 0, TimeSpan.Zero);
        await Reminders.RunOnceAsync(CancellationToken.None);
        await Reminders.RunOnceAsync(CancellationToken.None);
        var dueSoon = Assert.Single(Reminded());
        Assert.Contains("Tom Okafor's review is due on 22 February 2027", dueSoon, StringComparison.Ordinal);

        _h.Clock.Now = new DateTimeOffset(2027, 2, 23, 6, 0, 0, TimeSpan.Zero);
        await Reminders.RunOnceAsync(CancellationToken.None);
        _h.Clock.Now = new DateTimeOffset(2027, 2, 24, 6, 0, 0, TimeSpan.Zero);
        await Reminders.RunOnceAsync(CancellationToken.None);
        Assert.Equal(2, Reminded().Count);
        Assert.Contains("is overdue", Reminded()[1], StringComparison.Ordinal);
        Assert.Contains("Overdue: was due on 22 February 2027", Reminded()[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_instances_running_at_once_send_each_reminder_once()
    {
        await _h.RunFullReviewAsync();
        _h.Clock.Now = new DateTimeOffset(2027, 2, 18, 6, 0, 0, TimeSpan.Zero);

        await Task.WhenAll(Reminders.RunOnceAsync(CancellationToken.None), Reminders.RunOnceAsync(CancellationToken.None));

        Assert.Single(Reminded());
    }

    [Fact]
    public async Task A_person_who_moved_to_another_manager_is_not_reminded_about()
    {
        await _h.RunFullReviewAsync();
        _h.People.Move(_h.Tom.AadObjectId, ReviewHarness.Outsider.AadObjectId);
        _h.Clock.Now = new DateTimeOffset(2027, 3, 1, 6, 0, 0, TimeSpan.Zero);

        await Reminders.RunOnceAsync(CancellationToken.None);

        Assert.Empty(Reminded());
    }
}
