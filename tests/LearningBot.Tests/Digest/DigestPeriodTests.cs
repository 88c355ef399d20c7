using LearningBot.Digest;

namespace LearningBot.Tests.Digest;

public sealed class DigestPeriodTests
{
    [Fact]
    public void An_edition_started_just_after_midnight_in_british_summer_time_covers_up_to_that_uk_day()
    {
        // 23:30 UTC is 00:30 the next day in London.
        var edition = new DigestEdition
        {
            PeriodFrom = new DateTimeOffset(2026, 6, 1, 23, 30, 0, TimeSpan.Zero),
            PeriodTo = new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero),
        };

        Assert.Equal("2 June to 16 June 2026", DigestCards.Period(edition));
    }
}
