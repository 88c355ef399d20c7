using System.ComponentModel.DataAnnotations;
using LearningBot.Privacy;

namespace LearningBot.Tests.Privacy;

/// <summary>The work-contact allow-list: the team's own mailbox and switchboard stay in answers; everything else still goes.</summary>
public sealed class WorkContactsTests
{
    private static readonly DateOnly Today = new(2026, 11, 20);

    private static readonly WorkContacts Community = WorkContacts.From(
        new WorkContactsOptions { Domains = ["ldhub.example.org"], Addresses = ["LD.Support@example.org"], Phones = ["01632 960000"] },
        ["grace.mwangi@example.org", "01632 960101", null]);

    [Theory]
    [InlineData("Email ld.support@example.org to book.")]
    [InlineData("Ring the switchboard on 01632 960000.")]
    [InlineData("Ring the switchboard on +44 (0)1632 960000.")]
    [InlineData("Ring (01632) 960 000 and ask for the L&D team.")]
    [InlineData("Write to bookings@ldhub.example.org or courses@north.ldhub.example.org.")]
    [InlineData("Grace Mwangi (grace.mwangi@example.org, 01632 960101) runs it.")]
    public void Keeps_work_contacts(string text)
    {
        var scrubbed = PersonalDataScrubber.Scrub(text, Today, Community);

        Assert.Equal(text, scrubbed.Text);
        Assert.False(scrubbed.WasScrubbed);
    }

    [Theory]
    [InlineData("Email sam.patel1984@gmail.com to book.", "Email [email address removed] to book.")]
    [InlineData("Ring 07700 900123 after six.", "Ring [phone number removed] after six.")]
    [InlineData("NHS number 943 476 5919, email ld.support@example.org.", "NHS number [NHS number removed], email ld.support@example.org.")]
    [InlineData("Email someone@example.org.uk or ld.support@example.org.evil.com.", "Email [email address removed] or [email address removed].")]
    [InlineData("Email ld.support at example dot org.", "Email [email address removed].")]
    public void Still_removes_everything_else(string text, string expected) =>
        Assert.Equal(expected, PersonalDataScrubber.Scrub(text, Today, Community).Text);

    [Fact]
    public void Without_the_allow_list_work_contacts_are_removed_as_before()
    {
        var scrubbed = PersonalDataScrubber.Scrub("Email ld.support@example.org or ring 01632 960000.", Today);

        Assert.Equal("Email [email address removed] or ring [phone number removed].", scrubbed.Text);
    }

    [Fact]
    public void Kept_text_scrubs_to_itself()
    {
        var once = PersonalDataScrubber.Scrub("Email ld.support@example.org, not jo@gmail.com; ring 01632 960000.", Today, Community);

        Assert.Equal(once.Text, PersonalDataScrubber.Scrub(once.Text, Today, Community).Text);
    }

    [Fact]
    public void Settings_that_are_not_contacts_are_named()
    {
        var options = new WorkContactsOptions { Domains = ["@nhs.net"], Addresses = ["ld support"], Phones = ["123"] };

        var problems = options.Validate(new ValidationContext(options)).Select(problem => problem.ErrorMessage).ToList();

        Assert.Equal(
        [
            "Privacy:WorkContacts:Domains:0 must be an email domain such as nhs.net (no @).",
            "Privacy:WorkContacts:Addresses:0 must be an email address such as ld.support@example.org.",
            "Privacy:WorkContacts:Phones:0 must be a UK phone number such as 01632 960000.",
        ], problems);
    }
}
