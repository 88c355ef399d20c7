using LearningBot.FeedbackSignals;

namespace LearningBot.Tests.FeedbackSignals;

/// <summary>The rule for figures shown outside the L&amp;D Support Team, on its own.</summary>
public sealed class SmallCountSuppressionTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void A_row_of_one_to_four_is_left_out_whole_and_so_is_every_total_it_is_part_of(int small)
    {
        var shown = SmallCountSuppression.Apply([Group("Dementia", ("Wards", 7), ("Emergency", small)), Group("Medicines", ("Clinics", 6))], exact: false);

        var dementia = shown.Groups[0];
        Assert.Equal(["Wards"], dementia.Rows.Select(row => row.Key));
        Assert.Null(dementia.Total);
        Assert.Equal(6, shown.Groups[1].Total);
        Assert.Null(shown.Total);
        Assert.Equal(1, shown.RowsLeftOut);
        Assert.DoesNotContain(shown.Groups.SelectMany(group => group.Rows), row => row.Figure < SmallCountSuppression.Smallest);
    }

    [Fact]
    public void Five_and_more_are_shown_with_their_totals()
    {
        var shown = SmallCountSuppression.Apply([Group("Dementia", ("Wards", 5), ("Emergency", 9)), Group("Medicines", ("Clinics", 12))], exact: false);

        Assert.Equal([5, 9], shown.Groups[0].Rows.Select(row => row.Figure));
        Assert.Equal(14, shown.Groups[0].Total);
        Assert.Equal(26, shown.Total);
        Assert.Equal(0, shown.RowsLeftOut);
        Assert.Equal(string.Empty, shown.Foot);
    }

    [Fact]
    public void A_group_whose_rows_are_all_small_is_left_out_heading_and_all()
    {
        var shown = SmallCountSuppression.Apply([Group("End of life", ("Wards", 1), ("Hospice", 4)), Group("Medicines", ("Clinics", 8))], exact: false);

        Assert.Equal(["Medicines"], shown.Groups.Select(group => group.Heading));
        Assert.Equal(2, shown.RowsLeftOut);
        Assert.Null(shown.Total);
    }

    [Fact]
    public void The_number_of_rows_left_out_is_said_only_when_it_is_five_or_more()
    {
        var few = SmallCountSuppression.Apply([Group("A", ("x", 1), ("y", 2), ("z", 3), ("w", 4), ("v", 9))], exact: false);
        var many = SmallCountSuppression.Apply([Group("A", ("x", 1), ("y", 2), ("z", 3), ("w", 4), ("u", 1), ("v", 9))], exact: false);

        Assert.Equal(SmallCountSuppression.SomeRowsLeftOut, few.Foot);
        Assert.Equal("5 rows are not shown to protect anonymity.", many.Foot);
    }

    [Fact]
    public void The_support_team_sees_every_figure_and_total_exactly()
    {
        var shown = SmallCountSuppression.Apply([Group("Dementia", ("Wards", 7), ("Emergency", 3)), Group("End of life", ("Wards", 1))], exact: true);

        Assert.Equal([7, 3], shown.Groups[0].Rows.Select(row => row.Figure));
        Assert.Equal(10, shown.Groups[0].Total);
        Assert.Equal(1, shown.Groups[1].Total);
        Assert.Equal(11, shown.Total);
        Assert.Equal(0, shown.RowsLeftOut);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void Only_one_to_four_is_too_small(int figure, bool tooSmall) =>
        Assert.Equal(tooSmall, SmallCountSuppression.IsTooSmall(figure));

    [Theory]
    [InlineData("", 2026, 4)]
    [InlineData("2026 Q3", 2026, 3)]
    [InlineData("2026-q1", 2026, 1)]
    [InlineData("Q2 2025", 2025, 2)]
    public void A_quarter_is_read_from_what_follows_the_command(string text, int year, int number) =>
        Assert.Equal(new ReportQuarter(year, number), ReportQuarter.Parse(text, new ReportQuarter(2026, 4)));

    [Theory]
    [InlineData("2026 Q5")]
    [InlineData("last week")]
    [InlineData("2026-07-14")]
    public void Anything_else_is_not_a_quarter(string text) =>
        Assert.Null(ReportQuarter.Parse(text, new ReportQuarter(2026, 4)));

    [Fact]
    public void A_quarter_is_three_months_and_moves_across_years()
    {
        var q1 = new ReportQuarter(2026, 1);

        Assert.Equal(["2026-01", "2026-02", "2026-03"], q1.Months);
        Assert.Equal("January to March 2026", q1.InWords);
        Assert.Equal(new ReportQuarter(2025, 4), q1.Previous);
        Assert.Equal(new ReportQuarter(2027, 1), new ReportQuarter(2026, 4).Next);
    }

    private static FigureGroup<string> Group(string heading, params (string Label, int Figure)[] rows) =>
        new(heading, [.. rows.Select(row => new FigureRow<string>(row.Label, row.Figure))]);
}
