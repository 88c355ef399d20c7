using LearningBot.OneStopShop.Answers;
using LearningBot.Privacy;

namespace LearningBot.Tests.OneStopShop.Answers;

public sealed class GapsReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly ReportPeriod Period = ReportPeriod.LastDays(30, Now);

    [Fact]
    public void Groups_unanswered_questions_typed_differently_and_puts_the_most_asked_first()
    {
        var records = new[]
        {
            NotSure("Epilepsy rescue medication course?", Now.AddDays(-3)),
            NotSure("epilepsy rescue medication course", Now.AddDays(-2)),
            NotSure("  EPILEPSY   rescue medication course, please ", Now.AddDays(-1)),
            NotSure("dementia friends for volunteers", Now.AddDays(-1)),
            NotSure("dementia friends for volunteers!", Now.AddDays(-5)),
            NotSure("where is the canteen", Now.AddDays(-4)),
        };

        var summary = GapsReport.Build(Period, records, _ => null);

        Assert.Equal([3, 2, 1], summary.Unanswered.Select(q => q.Count));
        Assert.Equal("EPILEPSY   rescue medication course, please", summary.Unanswered[0].Question);
        Assert.Equal(Now.AddDays(-1), summary.Unanswered[1].LastAsked);
        Assert.Equal(6, summary.NotSure);
    }

    [Fact]
    public void Ranks_answers_by_their_share_of_thumbs_down_with_counts()
    {
        var records = new[]
        {
            Rated("coaching", true), Rated("coaching", false), Rated("coaching", true), Rated("coaching", true),
            Rated("brokerages", false), Rated("brokerages", false), Rated("brokerages", true),
            Rated("mentoring", true), Rated("mentoring", true),
            Answered("mentoring"),
        };

        var summary = GapsReport.Build(Period, records, id => id == "brokerages" ? "Using training brokerages" : null);

        Assert.Collection(
            summary.WorstRated,
            worst =>
            {
                Assert.Equal("Using training brokerages", worst.Title);
                Assert.Equal((1, 2), (worst.Helpful, worst.Unhelpful));
            },
            next =>
            {
                Assert.Equal("coaching", next.Title);
                Assert.Equal(0.25, next.UnhelpfulShare);
            });
        Assert.Equal((6, 3), (summary.HelpfulRatings, summary.UnhelpfulRatings));
        Assert.Equal(10, summary.AnsweredWithArticle);
    }

    [Fact]
    public void Counts_only_typed_questions_but_keeps_ratings_of_suggested_articles()
    {
        var records = new[]
        {
            NotSure("dress code for the awards", Now.AddDays(-1)),
            Rated("newsletter", false) with { Origin = QuestionOrigins.Suggestion },
        };

        var summary = GapsReport.Build(Period, records, _ => null);

        Assert.Equal(1, summary.Questions);
        Assert.Equal(0, summary.AnsweredWithArticle);
        Assert.Equal("newsletter", Assert.Single(summary.WorstRated).Id);
    }

    [Theory]
    [InlineData("", "2026-10-23", "2026-11-22", "the last 30 days")]
    [InlineData("7 days", "2026-11-15", "2026-11-22", "the last 7 days")]
    [InlineData("last 2 weeks", "2026-11-08", "2026-11-22", "the last 14 days")]
    [InlineData("2026-10", "2026-10-01", "2026-11-01", "October 2026")]
    [InlineData("this month", "2026-11-01", "2026-12-01", "November 2026")]
    [InlineData("last month.", "2026-10-01", "2026-11-01", "October 2026")]
    public void Reads_the_period_after_the_command(string text, string from, string to, string label)
    {
        var period = ReportPeriod.Parse(text, Now);

        Assert.NotNull(period);
        Assert.Equal(from, period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(to, period.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(label, period.Label);
    }

    [Theory]
    [InlineData("for everyone")]
    [InlineData("0 days")]
    [InlineData("999 days")]
    [InlineData("2026-13")]
    public void Refuses_periods_it_cannot_read(string text) => Assert.Null(ReportPeriod.Parse(text, Now));

    [Fact]
    public void A_period_reads_only_the_months_it_spans()
    {
        Assert.Equal(["2026-10", "2026-11"], QuestionLog.Months(Period.From, Period.To));
        Assert.Equal(["2026-10"], QuestionLog.Months(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    private static QuestionRecord NotSure(string question, DateTimeOffset when) => new QuestionRecord
    {
        PartitionKey = QuestionRecord.PartitionFor(when),
        RowKey = QuestionRecord.NewQuestionId(when),
        AskedAt = when,
        Kind = "NotSure",
    }.WithQuestion(PersonalDataScrubber.Scrub(question, DateOnly.FromDateTime(when.UtcDateTime), ScrubMarking.Plain));

    private static QuestionRecord Answered(string articleId) => new QuestionRecord
    {
        PartitionKey = QuestionRecord.PartitionFor(Now),
        RowKey = QuestionRecord.NewQuestionId(Now),
        AskedAt = Now.AddDays(-1),
        Kind = "Article",
        ArticleId = articleId,
    }.WithQuestion(PersonalDataScrubber.Scrub("question about " + articleId, DateOnly.FromDateTime(Now.UtcDateTime), ScrubMarking.Plain));

    private static QuestionRecord Rated(string articleId, bool helpful) => Answered(articleId) with { Helpful = helpful, RatedAt = Now };
}
