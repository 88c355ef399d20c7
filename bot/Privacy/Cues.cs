namespace LearningBot.Privacy;

/// <summary>
/// The words people put in front of an identifier ("NHS no:", "MRN", "DOB is", "born on", "client ref"), read
/// backwards from where a candidate starts: separators (spaces, colons, hashes, dashes, dots, brackets) and filler
/// words ("no", "number", "is", "on"...) are skipped, then the text must end in one of the cue words. Looks at a
/// bounded window, so each check costs the same however long the text.
/// </summary>
internal static class Cues
{
    public static readonly string[] Nhs = ["nhs"];
    public static readonly string[] Chi = ["chi"];
    public static readonly string[] Hospital =
        ["mrn", "m.r.n", "hospital", "hosp", "unit", "pas", "case note", "casenote", "casenotes", "case notes", "medical record", "k", "rxh"];

    /// <summary>Weaker than <see cref="Hospital"/>: "patient 943 476 5919" is more likely an NHS number.</summary>
    public static readonly string[] Patient = ["patient", "pt", "record", "resident"];
    public static readonly string[] Client =
        ["client", "case", "council", "mosaic", "las", "liquidlogic", "liquid logic", "carefirst", "swift", "eclipse", "service user", "su", "person", "customer", "asc"];
    public static readonly string[] Phone =
        ["tel", "telephone", "phone", "mobile", "mob", "call", "ring", "text", "landline", "contact", "ph", "fax", "whatsapp"];
    public static readonly string[] NationalInsurance = ["ni", "national insurance", "nino", "nat ins"];
    public static readonly string[] Birth = ["dob", "d.o.b", "d o b", "birth", "born", "birthday", "bday", "b'day"];
    public static readonly string[] Care =
        ["admitted", "admission", "discharged", "discharge", "died", "death", "deceased", "seen", "fell", "fall", "incident", "doa", "dod", "passed away", "visited"];

    /// <summary>
    /// Events of the working year whose date, past or coming, says nothing about a patient: "the training on 3 December".
    /// Not "event": a reported event is an incident.
    /// </summary>
    public static readonly string[] Event =
    [
        "training", "session", "sessions", "course", "courses", "workshop", "meeting", "study day", "webinar", "conference", "huddle",
        "teaching", "cohort", "refresher", "drill", "induction", "inspection", "lecture", "exam", "deadline", "intake", "launch",
    ];

    public static readonly string[] Vehicle =
        ["reg", "registration", "reg plate", "number plate", "numberplate", "car", "vehicle", "van", "taxi", "motorbike", "vrn"];

    private const int Window = 48;

    private static readonly HashSet<string> Fillers = new(
        ["no", "nos", "num", "number", "nr", "is", "was", "are", "on", "in", "of", "at", "the", "id", "ref", "reference", "date", "dated", "their", "her", "his", "a"],
        StringComparer.Ordinal);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> FillerWords = Fillers.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>True when the text before <paramref name="start"/> ends, past separators and fillers, in one of <paramref name="cues"/>.</summary>
    public static bool Before(string text, int start, IReadOnlyList<string> cues)
    {
        var from = Math.Max(0, start - Window);
        var window = text.AsSpan(from, start - from);
        Span<char> lower = stackalloc char[window.Length];
        window.ToLowerInvariant(lower);
        ReadOnlySpan<char> rest = lower;
        for (var stripped = 0; stripped < 4; stripped++)
        {
            rest = rest.TrimEnd(" :#=-.,(\n\t'\"");
            foreach (var cue in cues)
            {
                if (EndsWithWord(rest, cue))
                {
                    return true;
                }
            }

            var space = rest.LastIndexOfAny(" :#=-,(\n\t\"");
            var last = rest[(space + 1)..];
            if (last.Length == 0 || !FillerWords.Contains(last))
            {
                return false;
            }

            rest = rest[..(space + 1)];
        }

        return false;
    }

    private static bool EndsWithWord(ReadOnlySpan<char> text, string word) =>
        text.EndsWith(word, StringComparison.Ordinal) && (text.Length == word.Length || !char.IsLetterOrDigit(text[^(word.Length + 1)]));
}
