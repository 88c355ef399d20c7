using LearningBot.LearningDirectory.Printing;

namespace LearningBot.Tests.LearningDirectory.Printing;

public sealed class DirectoryPrintRequestTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Theory]
    [InlineData("", "2026-12", "voluntary-sector")]
    [InlineData("january council", "2027-01", "council")]
    [InlineData("january 2027 for everyone", "2027-01", null)]
    [InlineData("march hospital", "2027-03", "acute-trust")]
    [InlineData("december mental health trust", "2026-12", "mental-health-trust")]
    [InlineData("care homes", "2026-12", "independent-sector")]
    public void Reads_a_month_and_a_kind_of_organisation_with_this_month_and_the_callers_kind_by_default(string argument, string month, string? kind)
    {
        var request = DirectoryPrintRequest.Read(argument, Today, "voluntary-sector");

        Assert.NotNull(request);
        Assert.Equal(month, request.MonthKey);
        Assert.Equal(kind, request.Kind);
    }

    [Fact]
    public void Rejects_words_that_are_neither_a_month_nor_a_kind() =>
        Assert.Null(DirectoryPrintRequest.Read("for my cat", Today, null));
}
