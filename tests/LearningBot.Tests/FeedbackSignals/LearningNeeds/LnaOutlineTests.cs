using LearningBot.FeedbackSignals;
using LearningBot.FeedbackSignals.LearningNeeds;

namespace LearningBot.Tests.FeedbackSignals.LearningNeeds;

public sealed class LnaOutlineTests
{
    private static readonly SignalAlert Alert = new()
    {
        AlertId = "alert-1",
        Theme = "dementia",
        ServiceArea = "inpatient-wards",
        OrganisationKind = "acute-trust",
        Sources = "pals,survey",
        Concerns = 6,
    };

    [Fact]
    public void A_draft_started_just_after_midnight_in_british_summer_time_is_evaluated_six_months_from_that_uk_day()
    {
        // 23:30 UTC on 30 June 2026 is 00:30 on 1 July in London: six months on is January 2027, not December 2026.
        var draft = LnaOutline.Start(Alert, theme: null, "lead", new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero));

        Assert.Contains("by January 2027.", draft.SuccessMeasures, StringComparison.Ordinal);
        Assert.Contains("made a difference in January 2027.", draft.ByWhen, StringComparison.Ordinal);
    }
}
