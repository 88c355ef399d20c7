using LearningBot.OneStopShop.Answers;

namespace LearningBot.Tests.OneStopShop.Answers;

public sealed class PersonalDataScrubberTests
{
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
        var scrubbed = PersonalDataScrubber.Scrub(question);

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
        var scrubbed = PersonalDataScrubber.Scrub(question);

        Assert.Equal(question, scrubbed.Text);
        Assert.Empty(scrubbed.Removed);
    }

    [Fact]
    public void Removes_every_identifier_in_one_question()
    {
        var scrubbed = PersonalDataScrubber.Scrub("Pt 943-476-5919, DOB 1/2/45, tel 0113 496 0000");

        Assert.DoesNotContain(scrubbed.Text, char.IsDigit);
        Assert.Equal(3, scrubbed.Text.Split(PersonalDataScrubber.Marker).Length - 1);
    }
}
