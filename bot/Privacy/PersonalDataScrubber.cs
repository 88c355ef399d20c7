using System.Text;

namespace LearningBot.Privacy;

/// <summary>How a removed identifier shows in the scrubbed text.</summary>
public enum ScrubMarking
{
    /// <summary>"[NHS number removed]": the reader sees what was there.</summary>
    Labelled,

    /// <summary><see cref="PersonalDataScrubber.Marker"/> for every kind: nothing identifier-like is left for a search to match on.</summary>
    Plain,
}

/// <summary>
/// People sometimes paste a patient's or service user's details into free text. Before that text is stored or passed
/// on, whatever looks like one of these is replaced:
/// <list type="bullet">
/// <item>NHS and CHI numbers (10 digits, in any grouping, with spaces, dots or dashes between);</item>
/// <item>UK phone numbers (<c>07700 900123</c>, <c>(0161) 496 0000</c>, <c>+44 (0)20 7946 0958</c>, <c>0044 …</c>);</item>
/// <item>email addresses, also written out (<c>jo at example dot org</c>, <c>jo[at]example[dot]org</c>);</item>
/// <item>postcodes and street addresses (a house number and a street: <c>27 Acacia Avenue</c>; a street or named house
/// after "lives at" or "address is": <c>lives at Rose Cottage, Mill Lane</c>);</item>
/// <item>dates of birth and of care (any full date that is not in the future, a month and year that is not, and any
/// date or year after a cue such as "DOB", "born" or "admitted", and six or eight digits after a birth cue: <c>DOB 120348</c>); durations such as "2 working days" are not dates,
/// nor is the date of a training session or meeting (<c>the training on 3 December 2026</c>);</item>
/// <item>hospital, MRN and unit numbers (letters and 6 to 8 digits, or 6 digits or more after "MRN", "hospital no"...);</item>
/// <item>council and social care references after their cue (<c>client ref CR-204518</c>, <c>Mosaic ID 1234567</c>);</item>
/// <item>National Insurance numbers (<c>AB 12 34 56 C</c>, any spacing);</item>
/// <item>vehicle registrations (<c>AB12 CDE</c> in capitals anywhere; any case and the older formats after "reg" or "car");</item>
/// <item>names after a title (<c>Mrs Joan Smith</c>, <c>mr david thompson</c>, <c>Dr Patel</c>, <c>Sister Mary</c>) or beside a bed or room
/// (<c>Mary in bed 4</c>, <c>room 12, Joan Smith</c>), or after the person they are to the writer or the patient
/// (<c>my patient John Smith</c>, <c>her son Daniel</c>, <c>service user: Tom Hughes</c>, <c>Name: Mary Brown</c>,
/// <c>Resident Albert refused</c>, <c>my colleague Priya</c>) or before it (<c>Tom Hargreaves, the patient's nephew</c>); the title stays;</item>
/// <item>an age beside a name (<c>Mrs Evans, 87,</c>, <c>Frank Doyle aged 84</c>), and the name an age points to;</item>
/// <item>a bed's or side room's number beside its ward or bay (<c>bed 4 on Ward 7</c>, <c>Bay 3 bed 2</c>); the ward stays, and a bed alone stays;</item>
/// <item>any other run of seven or more digits.</item>
/// </list>
/// Full-width digits, non-breaking and zero-width spaces and other look-alikes are read as what they look like.
/// It errs on the side of removing: a lost date costs less than a kept identifier. It is a safety net behind the
/// warnings, not a guarantee: a name on its own, with no title, bed, age, role or relation beside it, is not found. Every detector runs
/// in time proportional to the text (non-backtracking expressions and single-pass scanners).
/// </summary>
public static class PersonalDataScrubber
{
    public const string Marker = "[removed]";

    public const string NhsNumber = "NHS number";
    public const string ChiNumber = "CHI number";
    public const string PhoneNumber = "phone number";
    public const string EmailAddress = "email address";
    public const string Postcode = "postcode";
    public const string Address = "address";
    public const string DateOfBirth = "date of birth";
    public const string Date = "date";
    public const string HospitalNumber = "hospital number";
    public const string ClientReference = "client reference";
    public const string NationalInsuranceNumber = "National Insurance number";
    public const string Name = "name";
    public const string Age = "age";
    public const string BedNumber = "bed number";
    public const string VehicleRegistration = "vehicle registration";
    public const string LongNumber = "long number";

    /// <summary>Every kind, in the order <see cref="Describe"/> and the labelled markers know them.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        NhsNumber, ChiNumber, PhoneNumber, EmailAddress, Postcode, Address, DateOfBirth, Date, HospitalNumber, ClientReference,
        NationalInsuranceNumber, Name, Age, BedNumber, VehicleRegistration, LongNumber,
    ];

    /// <summary>
    /// The text with suspected identifiers replaced. <paramref name="today"/> decides which dates are in the future
    /// (a course date is kept; a date of care is not). Scrubbing scrubbed text changes nothing.
    /// </summary>
    public static ScrubbedText Scrub(string? text, DateOnly today, ScrubMarking marking = ScrubMarking.Labelled) =>
        ScrubbedText.Of(text, today, marking, WorkContacts.None);

    /// <summary>
    /// As <see cref="Scrub(string?, DateOnly, ScrubMarking)"/>, keeping the email addresses and phone numbers that are
    /// <paramref name="workContacts"/> (a team mailbox, a switchboard): for text written by the L&amp;D team for people
    /// to act on, such as an expert's answer or an article. Everything else is removed as before.
    /// </summary>
    public static ScrubbedText Scrub(string? text, DateOnly today, WorkContacts workContacts, ScrubMarking marking = ScrubMarking.Labelled) =>
        ScrubbedText.Of(text, today, marking, workContacts);

    /// <summary>The kind with its article, for a sentence such as "I removed an NHS number".</summary>
    public static string Describe(string kind) => kind switch
    {
        NhsNumber or EmailAddress or Address or Age => "an " + kind,
        _ => "a " + kind,
    };

    /// <summary>"an NHS number and a phone number": the kinds described and joined for a sentence; empty for none.</summary>
    public static string DescribeAll(IEnumerable<string> kinds)
    {
        var described = kinds.Distinct(StringComparer.Ordinal).Select(Describe).ToList();
        return described.Count switch
        {
            0 => string.Empty,
            1 => described[0],
            _ => string.Join(", ", described.Take(described.Count - 1)) + " and " + described[^1],
        };
    }

    /// <summary>The labelled marker for a kind: <c>[NHS number removed]</c>.</summary>
    public static string MarkerFor(string kind) => $"[{kind} removed]";

    /// <summary>The kinds whose labelled markers the text already carries (text scrubbed earlier, then sent again), in order of appearance.</summary>
    public static IReadOnlyList<string> KindsMarkedIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        return
        [
            .. Kinds
                .Select(kind => (Kind: kind, At: text.IndexOf(MarkerFor(kind), StringComparison.Ordinal)))
                .Where(found => found.At >= 0)
                .OrderBy(found => found.At)
                .Select(found => found.Kind),
        ];
    }

    /// <summary>Finds every identifier and replaces it; the kinds come back in order of first appearance.</summary>
    internal static (string Text, IReadOnlyList<string> Removed) Replace(string text, DateOnly today, ScrubMarking marking, WorkContacts? workContacts = null)
    {
        var normalised = NormalisedText.From(text);
        var findings = Find(normalised.Text, today);
        if (workContacts is { IsEmpty: false })
        {
            findings.RemoveAll(finding => workContacts.Keeps(finding.Kind, normalised.Text[finding.Start..finding.End]));
        }

        if (findings.Count == 0)
        {
            return (text, []);
        }

        var removed = new List<string>();
        var result = new StringBuilder(text.Length);
        var copied = 0;
        foreach (var finding in findings)
        {
            var (start, end) = normalised.ToOriginal(finding.Start, finding.End);
            result.Append(text, copied, start - copied).Append(marking == ScrubMarking.Plain ? Marker : MarkerFor(finding.Kind));
            copied = end;
            if (!removed.Contains(finding.Kind))
            {
                removed.Add(finding.Kind);
            }
        }

        result.Append(text, copied, text.Length - copied);
        return (result.ToString(), removed);
    }

    /// <summary>Every finding in normalised text, overlaps merged (the stronger kind names the merged one), in order.</summary>
    internal static List<Finding> Find(string text, DateOnly today)
    {
        var found = new List<Finding>();
        Detectors.Emails(text, found);
        Detectors.NationalInsuranceNumbers(text, found);
        Detectors.ClientReferences(text, found);
        Detectors.Postcodes(text, found);
        Detectors.Addresses(text, found);
        Detectors.HospitalNumbers(text, found);
        Detectors.NumberPlates(text, found);
        Detectors.Dates(text, today, found);
        NumberRuns.Find(text, today, found);
        NameFinder.Find(text, found);
        return Merge(found);
    }

    private static List<Finding> Merge(List<Finding> found)
    {
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var merged = new List<Finding>(found.Count);
        foreach (var finding in found)
        {
            if (finding.End <= finding.Start)
            {
                continue;
            }

            if (merged.Count > 0 && finding.Start < merged[^1].End)
            {
                var last = merged[^1];
                var stronger = finding.Rank < last.Rank || (finding.Rank == last.Rank && finding.End - finding.Start > last.End - last.Start) ? finding : last;
                merged[^1] = new Finding(last.Start, Math.Max(last.End, finding.End), stronger.Kind, stronger.Rank);
            }
            else
            {
                merged.Add(finding);
            }
        }

        return merged;
    }
}

/// <summary>One suspected identifier in normalised text: where, what kind, and how sure (lower <see cref="Rank"/> wins an overlap).</summary>
internal readonly record struct Finding(int Start, int End, string Kind, int Rank)
{
    public const int Certain = 0;
    public const int Structured = 1;
    public const int Dated = 2;
    public const int Named = 3;
    public const int Fallback = 4;
}
