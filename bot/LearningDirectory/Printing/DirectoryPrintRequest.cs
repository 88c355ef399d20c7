using System.Globalization;
using System.Text.RegularExpressions;
using LearningBot.People;

namespace LearningBot.LearningDirectory.Printing;

/// <summary>
/// Which printable directory page: a month (its first day) and the kind of organisation whose staff may book what is
/// listed, or null for offers open to everyone in the community.
/// </summary>
public sealed partial record DirectoryPrintRequest(DateOnly Month, string? Kind)
{
    public const string Everyone = "everyone";

    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];

    private static readonly (string Words, string Kind)[] KindWords =
    [
        ("mental health trust", OrganisationKinds.MentalHealthTrust), ("mental health", OrganisationKinds.MentalHealthTrust),
        ("primary care", OrganisationKinds.PrimaryCare), ("gp practices", OrganisationKinds.PrimaryCare), ("gp", OrganisationKinds.PrimaryCare),
        ("hospital trust", OrganisationKinds.AcuteTrust), ("hospital", OrganisationKinds.AcuteTrust), ("acute trust", OrganisationKinds.AcuteTrust), ("acute", OrganisationKinds.AcuteTrust),
        ("ambulance trust", OrganisationKinds.AmbulanceTrust), ("ambulance", OrganisationKinds.AmbulanceTrust),
        ("city council", OrganisationKinds.Council), ("council", OrganisationKinds.Council),
        ("voluntary sector", OrganisationKinds.VoluntarySector), ("voluntary", OrganisationKinds.VoluntarySector), ("charity", OrganisationKinds.VoluntarySector),
        ("independent sector", OrganisationKinds.IndependentSector), ("independent", OrganisationKinds.IndependentSector),
        ("care homes", OrganisationKinds.IndependentSector), ("care home", OrganisationKinds.IndependentSector),
    ];

    /// <summary>"2027-01".</summary>
    public string MonthKey => Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>"January 2027".</summary>
    public string MonthName => Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    public string KindKey => Kind ?? Everyone;

    /// <summary>Whose staff the page is for, in words ("staff of the city council").</summary>
    public string Audience => Kind is null ? "everyone in our community" : $"staff of {Finding.CourseWording.KindName(Kind)}";

    /// <summary>
    /// Reads <c>january council</c>, <c>march 2027 everyone</c> or nothing: the month defaults to this one (a month
    /// named without a year is the next one of that name), the kind to <paramref name="askerKind"/>. Null when a word
    /// is neither.
    /// </summary>
    public static DirectoryPrintRequest? Read(string argument, DateOnly today, string? askerKind)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var text = $" {argument.Trim().ToLowerInvariant()} ";
        var kind = askerKind;
        if (Regex.IsMatch(text, @"\b(everyone|all|open to all)\b", RegexOptions.CultureInvariant))
        {
            kind = null;
            text = Regex.Replace(text, @"\b(everyone|all|open to all)\b", " ", RegexOptions.CultureInvariant);
        }
        else if (KindWords.FirstOrDefault(k => Regex.IsMatch(text, $@"\b{Regex.Escape(k.Words)}s?\b", RegexOptions.CultureInvariant)) is { Words: not null } named)
        {
            kind = named.Kind;
            text = Regex.Replace(text, $@"\b{Regex.Escape(named.Words)}s?\b", " ", RegexOptions.CultureInvariant);
        }

        var month = new DateOnly(today.Year, today.Month, 1);
        if (MonthWords().Match(text) is { Success: true } match)
        {
            var number = Array.FindIndex(Months, m => m.StartsWith(match.Groups["month"].Value, StringComparison.OrdinalIgnoreCase)) + 1;
            var year = match.Groups["year"].Success
                ? int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture)
                : number < today.Month ? today.Year + 1 : today.Year;
            month = new DateOnly(year, number, 1);
            text = text.Remove(match.Index, match.Length);
        }

        return Regex.Replace(text, @"\b(for|in|the|of|staff|page|a4|large print|large)\b|[^\w]", " ", RegexOptions.CultureInvariant).Trim().Length == 0
            ? new DirectoryPrintRequest(month, kind)
            : null;
    }

    /// <summary>The request a link names (<c>2027-01</c>, <c>council</c>), or null when either part is not one.</summary>
    public static DirectoryPrintRequest? FromKeys(string month, string kind) =>
        DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
        && (kind == Everyone || OrganisationKinds.IsKnown(kind))
            ? new DirectoryPrintRequest(first, kind == Everyone ? null : kind)
            : null;

    [GeneratedRegex(@"\b(?<month>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b(\s+(?<year>20\d\d))?", RegexOptions.CultureInvariant)]
    private static partial Regex MonthWords();
}
