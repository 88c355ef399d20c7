using LearningBot.FiveMinuteReview;

namespace LearningBot.Tests.FiveMinuteReview;

public sealed class ReviewDatesTests
{
    [Fact]
    public void A_review_saved_just_after_midnight_in_british_summer_time_is_said_to_be_held_on_that_uk_day() =>
        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June in London.
        Assert.Equal("16 June 2026", ReviewDates.InWords(new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("2026-06-16", "16 June 2026")]
    [InlineData("2026-12-16", "16 December 2026")]
    public void A_day_picked_on_a_card_is_said_as_that_day_in_summer_and_winter(string picked, string said) =>
        Assert.Equal(said, ReviewDates.InWords(picked));
}
