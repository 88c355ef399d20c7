using LearningBot.OneStopShop.Escalation;

namespace LearningBot.Tests.OneStopShop.Escalation;

public sealed class PersonalDataScrubberTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    [Theory]
    [InlineData("Patient 943 476 5919 needs a moving and handling refresher", "Patient [NHS number removed] needs a moving and handling refresher")]
    [InlineData("NHS no 943-476-5919.", "NHS no [NHS number removed].")]
    [InlineData("ref 9434765919", "ref [NHS number removed]")]
    public void Removes_nhs_numbers_in_any_grouping(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.NhsNumber], result.Removed);
    }

    [Theory]
    [InlineData("Call me on 07700 900123 please", "Call me on [phone number removed] please")]
    [InlineData("ring +44 7700 900123", "ring [phone number removed]")]
    [InlineData("the ward is on 0121 496 0000.", "the ward is on [phone number removed].")]
    [InlineData("020 7946 0958", "[phone number removed]")]
    public void Removes_uk_phone_numbers(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.PhoneNumber], result.Removed);
    }

    [Theory]
    [InlineData("Mrs B, DOB 12/03/1948, keeps falling", "Mrs B, [date of birth removed], keeps falling")]
    [InlineData("date of birth: 3 March 2019", "[date of birth removed]")]
    [InlineData("born on 01.02.85 and", "[date of birth removed] and")]
    [InlineData("a resident (14/07/1939) asked", "a resident ([date of birth removed]) asked")]
    public void Removes_dates_of_birth(string text, string expected)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(expected, result.Text);
        Assert.Equal([PersonalDataScrubber.DateOfBirth], result.Removed);
    }

    [Theory]
    [InlineData("Is the Level 3 diploma course on 12/01/2027 still running?")]
    [InlineData("Can bank staff on 30 hours a week do the Care Certificate by 1 March 2027?")]
    [InlineData("We have 120 volunteers and 2 managers")]
    public void Keeps_ordinary_learning_questions_as_they_are(string text)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(text, result.Text);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Reports_each_kind_removed_once()
    {
        var result = PersonalDataScrubber.Scrub("943 476 5919 and 943 476 5920, call 07700 900123, DOB 1/1/1950", Today);

        Assert.Equal([PersonalDataScrubber.DateOfBirth, PersonalDataScrubber.NhsNumber, PersonalDataScrubber.PhoneNumber], result.Removed);
        Assert.DoesNotContain("943", result.Text, StringComparison.Ordinal);
    }
}
