using LearningBot.OneStopShop.Escalation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.OneStopShop.Escalation;

public sealed class AnswerDeadlineTests
{
    [Theory]
    [InlineData("2026-11-16T10:00:00Z", "2026-11-18T10:00:00+00:00")] // Monday → Wednesday
    [InlineData("2026-11-19T16:45:00Z", "2026-11-23T16:45:00+00:00")] // Thursday → Monday
    [InlineData("2026-11-20T14:30:00Z", "2026-11-24T14:30:00+00:00")] // Friday → Tuesday
    [InlineData("2026-11-21T11:00:00Z", "2026-11-25T09:00:00+00:00")] // Saturday: clock starts Monday 09:00
    [InlineData("2026-11-22T23:59:00Z", "2026-11-25T09:00:00+00:00")] // Sunday night
    public void Promises_two_working_days_skipping_weekends(string asked, string expected)
    {
        var deadline = Deadline();

        Assert.Equal(DateTimeOffset.Parse(expected), deadline.PromiseFor(DateTimeOffset.Parse(asked)));
    }

    [Fact]
    public void Skips_configured_bank_holidays()
    {
        var deadline = Deadline(("LearningHub:Escalation:BankHolidays:0", "2026-12-25"), ("LearningHub:Escalation:BankHolidays:1", "2026-12-28"));

        // Thursday 24 December: Friday 25th and Monday 28th are bank holidays, the weekend is off.
        var promised = deadline.PromiseFor(DateTimeOffset.Parse("2026-12-24T09:30:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-12-30T09:30:00+00:00"), promised);
    }

    [Fact]
    public void Counts_in_uk_time_across_the_clock_change()
    {
        var deadline = Deadline(("LearningHub:Escalation:AnswerWithinWorkingDays", "1"));

        // Friday 23 October 2026, 17:00 in London (BST) → Monday 26 October 17:00 (GMT).
        var promised = deadline.PromiseFor(DateTimeOffset.Parse("2026-10-23T16:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-10-26T17:00:00Z"), promised);
        Assert.Equal("Monday 26 October at 17:00", deadline.Describe(promised));
    }

    [Fact]
    public void Describes_the_promise_for_people()
    {
        var deadline = Deadline(("LearningHub:Escalation:AnswerWithinWorkingDays", "3"));

        Assert.Equal("3 working days", deadline.DescribePromise());
        Assert.Equal("Tuesday 24 November at 14:30", deadline.Describe(DateTimeOffset.Parse("2026-11-24T14:30:00Z")));
    }

    [Fact]
    public void Promises_the_asker_the_end_of_a_day_not_a_minute()
    {
        var deadline = Deadline(("LearningHub:Escalation:AnswerWithinWorkingDays", "3"));

        Assert.Equal("the end of Thursday 3 December", deadline.DescribeDay(DateTimeOffset.Parse("2026-12-03T23:38:00Z")));
    }

    [Fact]
    public void Promises_two_working_days_when_nothing_is_configured()
    {
        Assert.Equal(2, Options<EscalationOptions>(EscalationOptions.Section, []).AnswerWithinWorkingDays);
    }

    private static AnswerDeadline Deadline(params (string Key, string Value)[] settings) =>
        new(Microsoft.Extensions.Options.Options.Create(Options<EscalationOptions>(EscalationOptions.Section, settings)));

    private static T Options<T>(string section, params (string Key, string Value)[] settings)
        where T : class
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddOptions<T>().Bind(configuration.GetSection(section));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
