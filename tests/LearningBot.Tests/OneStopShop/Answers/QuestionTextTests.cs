using LearningBot.OneStopShop.Answers;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.OneStopShop.Answers;

public sealed class QuestionTextTests
{
    [Fact]
    public void A_question_typed_just_after_midnight_in_british_summer_time_has_that_uk_days_date_removed()
    {
        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June in London: a date of today or before is removed, as a coming one is not.
        var clock = new ManualClock(new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero));

        var scrubbed = QuestionText.Scrubbed("my mum was admitted on 16/06/2026, can I get carers training", clock);

        Assert.True(scrubbed.WasScrubbed);
        Assert.DoesNotContain("16/06/2026", scrubbed.Text, StringComparison.Ordinal);
    }
}
