using System.Globalization;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.LearningDirectory.Editing;
using LearningBot.People;

namespace LearningBot.LearningDirectory.Import;

/// <summary>An offer read from the file, with its sessions and the rows it came from.</summary>
public sealed record ImportedOffer(CourseOffer Offer, IReadOnlyList<CourseSession> Sessions, int FirstRow, IReadOnlyDictionary<string, int> SessionRows);

/// <summary>What reading a file found: the offers, or every problem, each named by its row.</summary>
public sealed record CourseCsvResult(IReadOnlyList<ImportedOffer> Offers, IReadOnlyList<string> Problems, int Rows)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// The import file (<c>learning-directory/README.md</c>): a header row naming the columns (any order, any case), then a
/// row per session; an offer with no dated sessions has one row with the session columns empty. The offer's columns are
/// repeated on each of its rows and must agree. Every row is checked and every problem named with its row number (the
/// header is row 1); lists within a cell are separated by semicolons.
/// </summary>
public static class CourseCsv
{
    public static readonly string[] RequiredColumns =
        ["offerId", "title", "summary", "topics", "provider", "providerKind", "staffGroups", "format", "length"];

    public static readonly string[] OptionalColumns =
        ["openTo", "forVolunteers", "cost", "bookingUrl", "bookingEmail", "bookingPhone", "articleId", "mandatoryTopic", "retired",
         "sessionId", "date", "starts", "ends", "place", "joiningRoute", "placesLeft", "cancelled"];

    /// <summary>
    /// The most sessions one offer can bring in one import: an offer and its sessions are written in one transaction of at
    /// most 100 rows, and each new session brings its mark for course alerts (<see cref="Catalogue.UnannouncedSessionEntity"/>).
    /// </summary>
    public const int MaxSessionsPerOffer = 49;

    /// <param name="today">The UK day of the import: sessions must fall within <see cref="SessionRules.ImportDates"/> of it.</param>
    public static CourseCsvResult Read(string text, EditableKinds kinds, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        IReadOnlyList<CsvRecord> records;
        try
        {
            records = CsvReader.Parse(text ?? string.Empty);
        }
        catch (FormatException unreadable)
        {
            return new CourseCsvResult([], [$"The file is not CSV I can read: {unreadable.Message}"], 0);
        }

        if (records.Count < 2)
        {
            return new CourseCsvResult([], ["The file needs a header row naming the columns, then at least one row."], 0);
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < records[0].Fields.Count; i++)
        {
            columns.TryAdd(records[0].Fields[i].Trim(), i);
        }

        var missing = RequiredColumns.Where(name => !columns.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            return new CourseCsvResult([], [$"Row 1: the header row lacks the column(s) {string.Join(", ", missing)}."], 0);
        }

        var problems = new List<string>();
        var offers = new Dictionary<string, (CourseOffer Offer, List<CourseSession> Sessions, int FirstRow, Dictionary<string, int> SessionRows)>(StringComparer.Ordinal);
        // Rows are counted as a spreadsheet counts them (the header is row 1), so a cell holding a line break is still one row.
        for (var i = 1; i < records.Count; i++)
        {
            ReadRow(new Row(records[i], i + 1, columns), kinds, SessionRules.ImportDates(today), offers, problems);
        }

        foreach (var (id, offer) in offers.Where(o => o.Value.Sessions.Count > MaxSessionsPerOffer))
        {
            problems.Add($"Row {offer.FirstRow}: offer {id} has {offer.Sessions.Count} sessions; one import can bring at most {MaxSessionsPerOffer} per offer.");
        }

        return new CourseCsvResult([.. offers.Values.Select(o => new ImportedOffer(o.Offer, o.Sessions, o.FirstRow, o.SessionRows))], problems, records.Count - 1);
    }

    private static void ReadRow(
        Row row, EditableKinds kinds, DateBounds dates, Dictionary<string, (CourseOffer Offer, List<CourseSession> Sessions, int FirstRow, Dictionary<string, int> SessionRows)> offers,
        List<string> problems)
    {
        var before = problems.Count;
        void Problem(string message) => problems.Add($"Row {row.Number}: {message}");

        var offer = ReadOffer(row, Problem);
        foreach (var problem in OfferRules.Problems(offer, kinds, isNew: true))
        {
            Problem($"{problem.Field}: {problem.Message}");
        }

        var session = ReadSession(row, offer.Id, dates, Problem);
        if (problems.Count > before)
        {
            return;
        }

        if (offers.TryGetValue(offer.Id, out var known))
        {
            if (!CourseOfferEntity.Same(known.Offer, offer))
            {
                Problem($"the offer's details differ from row {known.FirstRow} for offer {offer.Id}: give them the same on every row of an offer.");
                return;
            }
        }
        else
        {
            offers[offer.Id] = known = (offer, [], row.Number, new Dictionary<string, int>(StringComparer.Ordinal));
        }

        if (session is not null)
        {
            if (!known.SessionRows.TryAdd(session.Id, row.Number))
            {
                Problem($"session {session.Id} of offer {offer.Id} is listed twice.");
                return;
            }

            known.Sessions.Add(session);
        }
    }

    private static CourseOffer ReadOffer(Row row, Action<string> problem)
    {
        var format = row["format"];
        var parsedFormat = Enum.TryParse<CourseFormat>(format.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var f) && Enum.IsDefined(f) ? f : (CourseFormat?)null;
        if (parsedFormat is null)
        {
            problem($"format '{format}' is not one of {string.Join(", ", Enum.GetNames<CourseFormat>())}.");
        }

        return new CourseOffer(
            row["offerId"].ToLowerInvariant(), row["title"], row["summary"], Items(row["topics"]), row["provider"], row["providerKind"].ToLowerInvariant(),
            Items(row["openTo"]).Select(k => k.ToLowerInvariant()).ToList(), Items(row["staffGroups"]), Flag(row, "forVolunteers", problem),
            parsedFormat ?? CourseFormat.Classroom, row["length"], OrNull(row["cost"]),
            new BookingRoute(OrNull(row["bookingUrl"]), OrNull(row["bookingEmail"]), OrNull(row["bookingPhone"])), OrNull(row["articleId"]),
            OrNull(row["mandatoryTopic"]), IsSample: false, IsRetired: Flag(row, "retired", problem));
    }

    private static CourseSession? ReadSession(Row row, string offerId, DateBounds dates, Action<string> problem)
    {
        var sessionId = row["sessionId"];
        string[] sessionColumns = ["date", "starts", "ends", "place", "joiningRoute", "placesLeft", "cancelled"];
        if (sessionId.Length == 0)
        {
            if (sessionColumns.Any(column => row[column].Length > 0))
            {
                problem("the row gives a session but no sessionId: give each session an id of its own (the code your training system uses).");
            }

            return null;
        }

        var ok = true;
        void Fail(string message)
        {
            ok = false;
            problem(message);
        }

        if (!OfferRules.IsCode(sessionId.ToLowerInvariant()))
        {
            Fail($"sessionId '{sessionId}' must be letters and numbers joined by hyphens (up to 60).");
        }

        var date = ReadDate(row["date"]);
        if (date is null)
        {
            Fail($"date '{row["date"]}' is not a date: write it as 2026-03-10 or 10/03/2026.");
        }
        else if (!dates.Contains(date.Value))
        {
            Fail($"date '{row["date"]}' is not one the directory takes: give a date {dates.InWords}.");
        }

        if (!SessionForm.TryTime(row["starts"], out var starts))
        {
            Fail($"starts '{row["starts"]}' is not a time: write it as 09:30.");
        }

        if (!SessionForm.TryTime(row["ends"], out var ends))
        {
            Fail($"ends '{row["ends"]}' is not a time: write it as 16:30.");
        }

        int? placesLeft = null;
        if (row["placesLeft"].Length > 0)
        {
            if (int.TryParse(row["placesLeft"], NumberStyles.None, CultureInfo.InvariantCulture, out var left))
            {
                placesLeft = left;
            }
            else
            {
                Fail($"placesLeft '{row["placesLeft"]}' must be a whole number, or empty.");
            }
        }

        var cancelled = Flag(row, "cancelled", Fail);
        if (!ok)
        {
            return null;
        }

        var session = new CourseSession(offerId, sessionId.ToLowerInvariant(), UkTime.At(date!.Value, starts), UkTime.At(date.Value, ends),
            OrNull(row["place"]), OrNull(row["joiningRoute"]), placesLeft, cancelled);
        foreach (var rule in SessionRules.Problems(session, DateTimeOffset.MinValue, mustBeUpcoming: false))
        {
            Fail($"{rule.Field}: {rule.Message}");
        }

        return ok ? session : null;
    }

    private static DateOnly? ReadDate(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static bool Flag(Row row, string column, Action<string> problem)
    {
        var value = row[column];
        switch (value.ToUpperInvariant())
        {
            case "" or "NO" or "FALSE" or "N":
                return false;
            case "YES" or "TRUE" or "Y":
                return true;
            default:
                problem($"{column} must be yes or no, not '{value}'.");
                return false;
        }
    }

    private static IReadOnlyList<string> Items(string text) =>
        [.. text.Split([';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string? OrNull(string text) => text.Length == 0 ? null : text;

    private readonly struct Row(CsvRecord record, int number, Dictionary<string, int> columns)
    {
        public int Number => number;

        public string this[string name] =>
            columns.TryGetValue(name, out var index) && index < record.Fields.Count ? record.Fields[index].Trim() : string.Empty;
    }
}
