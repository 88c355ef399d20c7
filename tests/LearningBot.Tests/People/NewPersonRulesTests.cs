using LearningBot.People;

namespace LearningBot.Tests.People;

public sealed class NewPersonRulesTests
{
    [Fact]
    public void Trims_every_field_and_turns_blanks_into_nothing()
    {
        var clean = NewPersonRules.Validate(new NewPerson("  Jo Bloggs ", "   ", " Harbour Lane ", " voluntary-sector "));

        Assert.Equal(new NewPerson("Jo Bloggs", null, "Harbour Lane", "voluntary-sector"), clean);
    }

    [Theory]
    [InlineData("", null, null, null, "Please give the person's name.")]
    [InlineData("   ", null, null, null, "Please give the person's name.")]
    [InlineData(null, "x", 101, null, "The name can be at most 100 characters (it has 101).")]
    [InlineData("Jo", "role", 101, null, "The role can be at most 100 characters (it has 101).")]
    [InlineData("Jo", "organisation", 121, null, "The organisation can be at most 120 characters (it has 121).")]
    [InlineData("Jo", null, null, "hospital", "'hospital' is not a kind of organisation this community has.")]
    public void Explains_what_is_wrong(string? name, string? longField, int? length, string? kind, string message)
    {
        var text = new string('x', length ?? 0);
        var person = new NewPerson(
            name ?? text,
            longField == "role" ? text : null,
            longField == "organisation" ? text : null,
            kind);

        var error = Assert.Throws<ArgumentException>(() => NewPersonRules.Validate(person));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("person", error.ParamName);
    }

    [Fact]
    public void Accepts_fields_at_their_longest()
    {
        var person = new NewPerson(new string('n', 100), new string('r', 100), new string('o', 120), null);

        Assert.Equal(person, NewPersonRules.Validate(person));
    }

    [Fact]
    public void Gives_the_same_local_id_whatever_the_case_and_spacing_of_name_and_organisation()
    {
        var first = NewPersonRules.LocalIdFor("m-1", new NewPerson("Jo  Bloggs", "Driver", "Harbour Lane", null));
        var again = NewPersonRules.LocalIdFor("m-1", new NewPerson("jo bloggs", "Volunteer driver", "HARBOUR LANE", null));

        Assert.Equal(first, again);
        Assert.Matches("^local:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first);
    }

    [Fact]
    public void Gives_different_ids_to_different_organisations_and_managers()
    {
        var person = new NewPerson("Jo Bloggs", null, "Harbour Lane", null);

        Assert.NotEqual(NewPersonRules.LocalIdFor("m-1", person), NewPersonRules.LocalIdFor("m-2", person));
        Assert.NotEqual(NewPersonRules.LocalIdFor("m-1", person), NewPersonRules.LocalIdFor("m-1", person with { Organisation = "Eastmoor" }));
    }
}
