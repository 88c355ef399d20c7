using LearningBot.OneStopShop;

namespace LearningBot.Tests.OneStopShop;

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
        Assert.False(result.WasScrubbed);
    }

    [Theory]
    [InlineData("the baby's date was 02/05/2026, any infant feeding training?", true)]
    [InlineData("she was seen 19 November 2026", true)]
    [InlineData("induction on 21/11/2026", false)]
    public void Removes_any_full_date_that_is_not_in_the_future(string text, bool removed)
    {
        var result = PersonalDataScrubber.Scrub(text, Today);

        Assert.Equal(removed, result.Removed.Contains(PersonalDataScrubber.DateOfBirth));
        Assert.Equal(removed, result.Text.Contains("[date of birth removed]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PersonalDataScrubber.NhsNumber, "an NHS number")]
    [InlineData(PersonalDataScrubber.EmailAddress, "an email address")]
    [InlineData(PersonalDataScrubber.PhoneNumber, "a phone number")]
    [InlineData(PersonalDataScrubber.DateOfBirth, "a date of birth")]
    public void Describes_each_kind_for_a_sentence(string kind, string described) =>
        Assert.Equal(described, PersonalDataScrubber.Describe(kind));

    [Fact]
    public void Reports_each_kind_removed_once()
    {
        var result = PersonalDataScrubber.Scrub("943 476 5919 and 943 476 5920, call 07700 900123, DOB 1/1/1950", Today);

        Assert.Equal([PersonalDataScrubber.DateOfBirth, PersonalDataScrubber.NhsNumber, PersonalDataScrubber.PhoneNumber], result.Removed);
        Assert.DoesNotContain("943", result.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("patient 943 476 5919 missed her meds, what training covers this", "patient [removed] missed her meds, what training covers this", "NHS number")]
    [InlineData("nhs no 9434765919 - who do I tell", "nhs no [removed] - who do I tell", "NHS number")]
    [InlineData("Mr X dob 03/04/1948 fell twice, falls training?", "Mr X [removed] fell twice, falls training?", "date of birth")]
    [InlineData("resident born 12th March 1939 keeps refusing care", "resident [removed] keeps refusing care", "date of birth")]
    [InlineData("service user (14 Feb 1962) needs a hoist, who trains on that", "service user ([removed]) needs a hoist, who trains on that", "date of birth")]
    [InlineData("call her daughter on 07700 900123 about the course", "call her daughter on [removed] about the course", "phone number")]
    [InlineData("ring +44 7700 900123", "ring [removed]", "phone number")]
    [InlineData("email jo.bloggs@example.nhs.uk for the slides", "email [removed] for the slides", "email address")]
    [InlineData("hospital number 12345678 needs a review", "hospital number [removed] needs a review", "long number")]
    public void Replaces_identifiers_with_a_marker(string question, string expected, string kind)
    {
        var scrubbed = PersonalDataScrubber.Scrub(question, Today, ScrubMarking.Plain);

        Assert.Equal(expected, scrubbed.Text);
        Assert.Contains(kind, scrubbed.Removed);
        Assert.True(scrubbed.WasScrubbed);
    }

    [Theory]
    [InlineData("how do I get a mentor")]
    [InlineData("can I claim mileage for a course in Leeds next month")]
    [InlineData("has my place on first aid on the 14th been confirmed")]
    [InlineData("how much does a band 5 nurse get paid")]
    [InlineData("what needs to go in an LNA? our board wants one before we buy a £15k programme")]
    [InlineData("is there a course on 3 March 2027 for 20 people")]
    [InlineData("Kirkpatrick level 4 for a 2 year programme")]
    public void Leaves_ordinary_questions_alone(string question)
    {
        var scrubbed = PersonalDataScrubber.Scrub(question, Today, ScrubMarking.Plain);

        Assert.Equal(question, scrubbed.Text);
        Assert.Empty(scrubbed.Removed);
    }

    [Fact]
    public void Removes_every_identifier_in_one_question()
    {
        var scrubbed = PersonalDataScrubber.Scrub("Pt 943-476-5919, DOB 1/2/45, tel 0113 496 0000", Today, ScrubMarking.Plain);

        Assert.DoesNotContain(scrubbed.Text, char.IsDigit);
        Assert.Equal(3, scrubbed.Text.Split(PersonalDataScrubber.Marker).Length - 1);
    }
}
