using LearningBot.GoodPractice;
using LearningBot.GoodPractice.LeadNotices;

namespace LearningBot.Tests.GoodPractice;

public sealed class RetiredLineTests
{
    [Fact]
    public void An_example_retired_just_after_midnight_in_british_summer_time_says_it_was_retired_on_that_uk_day()
    {
        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June in London.
        var example = new GoodPracticeExample { Status = ExampleStatus.Retired, DecidedAt = new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero) };

        Assert.Equal("Retired on 16 June 2026: no longer collecting responses.", PracticeAlertCards.RetiredLine(example));
    }
}
