using LearningBot.FeedbackSignals.LearningNeeds;

namespace LearningBot.Tests.FeedbackSignals.LearningNeeds;

public sealed class LnaPrintPageTests
{
    [Fact]
    public void An_analysis_saved_just_after_midnight_in_british_summer_time_prints_that_uk_day_as_last_saved()
    {
        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June in London.
        var analysis = new LearningNeedsAnalysis { AlertId = "alert-1", Theme = "dementia", EditedAt = new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero) };

        Assert.Contains("16 June 2026", LnaPrintPage.Render(analysis), StringComparison.Ordinal);
    }
}
