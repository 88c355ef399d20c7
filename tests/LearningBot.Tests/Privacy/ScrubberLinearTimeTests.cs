using System.Text;
using System.Text.RegularExpressions;
using LearningBot.Privacy;

namespace LearningBot.Tests.Privacy;

/// <summary>
/// Scrubbing takes time in proportion to the text, whatever is typed: every pattern runs on the non-backtracking
/// engine (so none can be made to backtrack), the scanners make one pass, and hostile 30,000-character inputs finish
/// well inside the patterns' match timeout (hitting it throws, which would fail these tests).
/// </summary>
public sealed class ScrubberLinearTimeTests
{
    private const int Length = 30_000;
    private static readonly DateOnly Today = new(2026, 11, 20);

    public static TheoryData<string, string> Adversarial => new()
    {
        { "digits", Repeat("9", Length) },
        { "digit groups with single spaces", Repeat("94 ", Length) },
        { "digit groups with double spaces and dashes", Repeat("943  - ", Length) },
        { "dotted digit groups", Repeat("943.", Length) },
        { "slashes between digits", Repeat("12/", Length) },
        { "brackets around digits", Repeat("(0", Length) },
        { "unclosed brackets", Repeat("(", Length) },
        { "spaces", Repeat(" ", Length) },
        { "non-breaking and zero-width spaces", Repeat("\u00a0\u200b", Length) },
        { "dots", Repeat(".", Length) },
        { "titles", Repeat("Mr ", Length) },
        { "titles and dots", Repeat("Mrs. ", Length) },
        { "capitalised words", Repeat("Joan ", Length) },
        { "beds without names", Repeat("in bed 4 ", Length) },
        { "at and dot", Repeat("jo at example dot ", Length) },
        { "email-like", Repeat("a.", Length - 1) + "@" },
        { "bracketed at", Repeat("[at]", Length) },
        { "months", Repeat("Mar ", Length) },
        { "ordinal days", Repeat("12th of ", Length) },
        { "house numbers and words", Repeat("12 Oak ", Length) },
        { "postcode-like", Repeat("M13 ", Length) },
        { "letters and digits", Repeat("AB12", Length) },
        { "cue words", Repeat("NHS no ", Length) },
        { "full-width digits", Repeat("\uff19", Length) },
        { "plus signs and digits", Repeat("+4", Length) },
        { "apostrophe years", Repeat("'3", Length) },
        { "beds on wards", Repeat("bed 4 Ward 7 ", Length) },
        { "names with ages", Repeat("Joan Smith, 87, ", Length) },
        { "names before aged", Repeat("Joan Smith aged 84 ", Length) },
        { "year-old names", Repeat("90-year-old Joan ", Length) },
        { "capitalised relations", Repeat("Resident Joan. ", Length) },
        { "number plates", Repeat("car AB12 CDE ", Length) },
        { "mixed", Repeat("Mrs J. Smith in bed 4, NHS 943 476 5919, DOB 1/2/45, (0161) 496 0000, jo at x dot uk ", Length) },
    };

    [Fact]
    public void Every_pattern_runs_on_the_non_backtracking_engine()
    {
        Assert.NotEmpty(IdentifierPatterns.All);
        Assert.All(IdentifierPatterns.All, pattern =>
        {
            Assert.True(pattern.Options.HasFlag(RegexOptions.NonBacktracking), $"{pattern} can backtrack");
            Assert.NotEqual(Regex.InfiniteMatchTimeout, pattern.MatchTimeout);
        });
    }

    [Fact]
    public void Every_pattern_in_the_scrubber_is_listed_so_the_engine_test_sees_it()
    {
        var fields = typeof(IdentifierPatterns).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(field => field.FieldType == typeof(Regex))
            .Select(field => (Regex)field.GetValue(null)!);
        Assert.Equal(fields.ToHashSet(), IdentifierPatterns.All.ToHashSet());
        var privacyTypes = typeof(PersonalDataScrubber).Assembly.GetTypes().Where(type => type.Namespace == typeof(PersonalDataScrubber).Namespace);
        var otherRegexFields = privacyTypes
            .Where(type => type != typeof(IdentifierPatterns))
            .SelectMany(type => type.GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static))
            .Where(field => field.FieldType == typeof(Regex));
        Assert.Empty(otherRegexFields);
    }

    [Theory]
    [MemberData(nameof(Adversarial))]
    public void Hostile_input_finishes_without_hitting_a_match_timeout(string name, string text)
    {
        Assert.Equal(Length, text.Length);

        foreach (var marking in new[] { ScrubMarking.Labelled, ScrubMarking.Plain })
        {
            var scrubbed = PersonalDataScrubber.Scrub(text, Today, marking);
            Assert.True(scrubbed.Text.Length <= Length * 25, name);
        }
    }

    private static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString(0, length);
    }
}
