using LearningBot.Cards;

namespace LearningBot.Tests.Cards;

public sealed class DateBoundsTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    [Theory]
    [InlineData("2026-12-04", true)]
    [InlineData("2028-02-29", true)]
    [InlineData("2027-02-29", false)]
    [InlineData("2026-02-31", false)]
    [InlineData("2026-1-4", false)]
    [InlineData("2026-12-04T00:00:00Z", false)]
    [InlineData("2026-12-04+01:00", false)]
    [InlineData("2026-12-04 ", false)]
    [InlineData("04/12/2026", false)]
    [InlineData("20261204", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Reads_a_date_only_as_a_date_input_writes_it(string? text, bool read)
    {
        Assert.Equal(read, DateBounds.Parse(text) is not null);
    }

    [Fact]
    public void Ahead_runs_from_today_or_tomorrow_to_the_months_given()
    {
        Assert.Equal(new DateBounds(Today, new DateOnly(2027, 12, 4)), DateBounds.Ahead(Today, 12));
        Assert.Equal(new DateBounds(new DateOnly(2026, 12, 5), new DateOnly(2028, 6, 4)), DateBounds.Ahead(Today, 18, fromTomorrow: true));
    }

    [Fact]
    public void Past_runs_from_the_months_given_back_to_today()
    {
        var bounds = DateBounds.Past(Today, 12);

        Assert.Equal(("2025-12-04", "2026-12-04"), (bounds.Min, bounds.Max));
        Assert.True(bounds.Contains(Today));
        Assert.False(bounds.Contains(Today.AddDays(1)));
        Assert.False(bounds.Contains(DateOnly.MinValue));
    }

    [Fact]
    public void Says_its_days_in_words()
    {
        Assert.Equal("from 4 December 2026 to 4 June 2028", DateBounds.Ahead(Today, 18).InWords);
    }
}
