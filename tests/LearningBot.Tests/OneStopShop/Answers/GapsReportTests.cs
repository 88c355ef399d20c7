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

    [Fact]
    public void An_unanswered_question_counts_the_people_who_asked_it_not_the_times()
    {
        var records = Enumerable.Range(1, 6).Select(n => NotSure("minibus to the awards", Now.AddHours(-n)) with { AskerKey = "alex" })
            .Append(NotSure("dress code for the awards", Now.AddDays(-2)) with { AskerKey = "sam" })
            .Append(NotSure("dress code for the awards", Now.AddDays(-1)) with { AskerKey = "jo" });

        var summary = GapsReport.Build(Period, records, _ => null);

        Assert.Equal([("dress code for the awards", 2, 2), ("minibus to the awards", 6, 1)], summary.Unanswered.Select(q => (q.Question, q.Count, q.People)));
    }

    [Fact]
    public void The_gaps_report_card_shows_no_count_below_5()
    {
        var records = new[]
        {
            NotSure("minibus to the awards", Now.AddDays(-1)) with { AskerKey = "alex" },
            NotSure("minibus to the awards, call me on 07700 900123", Now.AddDays(-1)) with { AskerKey = "sam" },
            Rated("brokerages", false), Rated("brokerages", true),
        };

        var card = GapsReport.CardData(GapsReport.Build(Period, records, id => id == "brokerages" ? "Using training brokerages" : null));

        Assert.Equal(
            [("Questions asked", "fewer than 5"), ("Answered with an article", "fewer than 5"), ("Answered with a contact", "0"), ("Not sure", "fewer than 5"),
                ("Signposted elsewhere", "0"), ("Ratings", "fewer than 5 helpful, fewer than 5 not helpful"), ("Personal details removed", "fewer than 5 questions")],
            card.Figures.Select(f => (f.Title, f.Value)));
        Assert.All(card.Unanswered, question => Assert.Equal("asked by fewer than 5 people", question.AskedBy));
        Assert.Equal("fewer than 5 ratings, at least one not helpful", Assert.Single(card.WorstRated).Summary);
    }

    [Fact]
    public void The_gaps_report_card_shows_counts_from_5_as_they_are()
    {
        var records = Enumerable.Range(1, 5).Select(n => NotSure("minibus to the awards", Now.AddHours(-n)) with { AskerKey = $"person-{n}" })
            .Concat(Enumerable.Range(1, 10).Select(n => Rated("coaching", helpful: n > 5)));

        var card = GapsReport.CardData(GapsReport.Build(Period, records, _ => "Coaching"));

        Assert.Equal("asked by 5 people", Assert.Single(card.Unanswered).AskedBy);
        Assert.Equal("5 of 10 ratings (50%) not helpful", Assert.Single(card.WorstRated).Summary);
        Assert.Equal("15", card.Figures.Single(f => f.Title == "Questions asked").Value);
    }

    [Fact]
    public void Signposted_questions_are_counted_by_topic_and_not_listed_as_unanswered()
    {
        var records = Enumerable.Range(1, 6).Select(n => Signposted("how do I book annual leave", "rotas-leave", n))
            .Concat(Enumerable.Range(1, 2).Select(n => Signposted("forgot my password", "it-access", n)))
            .Append(Signposted("who puts the rota together", "rotas-leave", 7) with { Kind = "NotSure", LearningAfterAll = true });
        string? TopicOf(string id) => id == "rotas-leave" ? "Rotas, shifts and leave" : id == "it-access" ? "Passwords, log-ins and IT" : null;

        var summary = GapsReport.Build(Period, records, _ => null, TopicOf);
        var card = GapsReport.CardData(summary);

        Assert.Equal(8, summary.Signposted);
        Assert.Equal([("Rotas, shifts and leave", "6 questions"), ("Passwords, log-ins and IT", "fewer than 5 questions")], card.Signposted.Select(f => (f.Title, f.Value)));
        Assert.Equal("8", card.Figures.Single(f => f.Title == "Signposted elsewhere").Value);
        Assert.Equal("fewer than 5 questions", card.Figures.Single(f => f.Title == "Signposts turned back as about learning").Value);
        Assert.Equal("who puts the rota together", Assert.Single(summary.Unanswered).Question);
    }

    [Fact]
    public void A_question_last_asked_just_after_midnight_in_british_summer_time_shows_that_uk_day()
    {
        // 23:30 UTC on 15 June 2026 is 00:30 on 16 June in London.
        var asked = new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero);

        var card = GapsReport.CardData(GapsReport.Build(ReportPeriod.LastDays(7, asked.AddHours(1)), [NotSure("dress code for the awards", asked)], _ => null));

        Assert.Equal("16 June", Assert.Single(card.Unanswered).LastAsked);
    }

    [Fact]
    public void A_period_that_starts_before_the_oldest_question_kept_says_the_older_questions_were_removed()
    {
        var period = ReportPeriod.LastDays(ReportPeriod.MaxDays, Now);
        var summary = GapsReport.Build(period, [NotSure("dress code for the awards", Now.AddDays(-3))], _ => null) with
        {
            Removed = new RemovedQuestions(new DateTimeOffset(2025, 12, 1, 0, 0, 0, TimeSpan.Zero), 13),
        };

        var card = GapsReport.CardData(summary);

        Assert.Equal(
            "Questions are kept for 13 months: those asked before 1 December 2025 have been removed, so this report counts only the questions asked from 1 December 2025.",
            card.Removed);
    }

    [Fact]
    public void A_period_wholly_before_the_oldest_question_kept_says_none_are_left_to_count()
    {
        var summary = GapsReport.Build(ReportPeriod.Month(new DateOnly(2024, 3, 1)), [], _ => null) with
        {
            Removed = new RemovedQuestions(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero), 13),
        };

        var card = GapsReport.CardData(summary);

        Assert.Equal(
            "Questions are kept for 13 months: those asked before 1 October 2025 have been removed, so none from this period are left to count.",
            card.Removed);
        Assert.Equal("0", card.Figures.Single(f => f.Title == "Questions asked").Value);
    }

    [Fact]
    public void A_period_within_the_retention_says_nothing_of_removed_questions() =>
        Assert.Empty(GapsReport.CardData(GapsReport.Build(Period, [NotSure("dress code for the awards", Now.AddDays(-3))], _ => null)).Removed);

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

    [Fact]
    public void This_month_asked_just_after_midnight_on_the_first_in_british_summer_time_is_the_new_uk_month()
    {
        // 23:30 UTC on 30 June 2026 is 00:30 on 1 July in London.
        var period = ReportPeriod.Parse("this month", new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero));

        Assert.NotNull(period);
        Assert.Equal("July 2026", period.Label);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 23, 0, 0, TimeSpan.Zero), period.From);
        Assert.Equal(new DateTimeOffset(2026, 7, 31, 23, 0, 0, TimeSpan.Zero), period.To);
    }

    [Fact]
    public void A_month_named_runs_from_midnight_to_midnight_in_london_across_the_clocks_going_back() =>
        Assert.Equal(
            (new DateTimeOffset(2026, 9, 30, 23, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
            ReportPeriod.Parse("2026-10", Now) is { } october ? (october.From, october.To) : default);

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

    private static QuestionRecord Signposted(string question, string signpostId, int hoursAgo) =>
        NotSure(question, Now.AddHours(-hoursAgo)) with { Kind = QuestionRecord.SignpostedKind, SignpostId = signpostId, AskerKey = $"person-{hoursAgo}" };

    private static QuestionRecord Rated(string articleId, bool helpful) => Answered(articleId) with { Helpful = helpful, RatedAt = Now };
}
