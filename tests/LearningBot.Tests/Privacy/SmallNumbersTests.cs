using LearningBot.Privacy;

namespace LearningBot.Tests.Privacy;

public sealed class SmallNumbersTests
{
    [Theory]
    [InlineData(0, "0 people")]
    [InlineData(1, "fewer than 5 people")]
    [InlineData(4, "fewer than 5 people")]
    [InlineData(5, "5 people")]
    [InlineData(12, "12 people")]
    public void A_count_from_1_to_4_reads_fewer_than_5(int count, string expected) =>
        Assert.Equal(expected, SmallNumbers.Count(count, "person", "people"));

    [Fact]
    public void One_of_something_is_never_shown_as_one() =>
        Assert.Equal("fewer than 5 organisations", SmallNumbers.Count(1, "organisation"));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(0, 4)]
    public void A_share_of_fewer_than_5_people_is_not_shown(int part, int whole) =>
        Assert.Null(SmallNumbers.Share(part, whole, "people"));

    [Theory]
    [InlineData(3, 20, "fewer than 5 of 20 people")]
    [InlineData(18, 20, "more than 15 of 20 people")]
    [InlineData(4, 6, "fewer than 5 of 6 people")]
    [InlineData(10, 20, "10 of 20 people (50%)")]
    [InlineData(0, 20, "0 of 20 people (0%)")]
    [InlineData(20, 20, "20 of 20 people (100%)")]
    public void A_share_whose_part_or_remainder_is_small_is_a_range_without_a_percentage(int part, int whole, string expected) =>
        Assert.Equal(expected, SmallNumbers.Share(part, whole, "people"));

    [Fact]
    public void Groups_under_5_are_only_shown_added_together()
    {
        var groups = SmallNumbers.Group([("A", 12), ("B", 2), ("C", 3), ("D", 7)], g => g.Item2);

        Assert.Equal(["A", "D"], groups.Shown.Select(g => g.Item1));
        Assert.Equal(["B", "C"], groups.Together.Select(g => g.Item1));
        Assert.Equal(5, groups.TogetherSize);
        Assert.True(groups.CanShowTogether);
        Assert.False(groups.Joined);
    }

    [Fact]
    public void Small_groups_that_stay_under_5_together_take_in_the_smallest_shown_group_so_no_total_gives_them_away()
    {
        var groups = SmallNumbers.Group([("A", 12), ("B", 2), ("D", 7)], g => g.Item2);

        Assert.Equal(["A"], groups.Shown.Select(g => g.Item1));
        Assert.Equal(["B", "D"], groups.Together.Select(g => g.Item1));
        Assert.Equal(9, groups.TogetherSize);
        Assert.True(groups.Joined);
        Assert.False(groups.LeftOut);
    }

    [Fact]
    public void Groups_too_small_even_all_together_are_left_out()
    {
        var groups = SmallNumbers.Group([("B", 2), ("C", 1)], g => g.Item2);

        Assert.Empty(groups.Shown);
        Assert.True(groups.LeftOut);
        Assert.False(groups.CanShowTogether);
    }
}
