using System.ComponentModel.DataAnnotations;
using LearningBot.GoodPractice;
using LearningBot.Storage.Leases;

namespace LearningBot.Tests.GoodPractice;

/// <summary>When the review-date check runs: its periods start at midnight in London, in summer and in winter.</summary>
public sealed class ReviewCheckScheduleTests
{
    [Theory]
    [InlineData("2026-06-15T23:30:00Z", "2026-06-15T23:00:00Z")] // 00:30 on 16 June in London; midnight was 23:00 UTC
    [InlineData("2026-12-15T00:30:00Z", "2026-12-15T00:00:00Z")] // 00:30 on 15 December in London
    public void The_review_date_check_has_a_run_starting_at_midnight_in_london(string now, string midnight) =>
        Assert.Equal(
            DateTimeOffset.Parse(midnight, System.Globalization.CultureInfo.InvariantCulture),
            PeriodicLease.PeriodStart(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new GoodPracticeOptions().ReviewCheckInterval));

    [Theory]
    [InlineData("06:00:00")]
    [InlineData("00:07:00")]
    public void A_review_check_interval_that_would_miss_midnight_in_london_is_refused(string interval)
    {
        var options = new GoodPracticeOptions { ReviewCheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Contains(options.Validate(new ValidationContext(options)), r => r.MemberNames.Contains(nameof(GoodPracticeOptions.ReviewCheckInterval)));
    }
}
