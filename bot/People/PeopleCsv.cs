namespace LearningBot.People;

/// <summary>
/// The seed file <c>people/people.csv</c>: a header row naming the columns (any order, any case)
/// <c>id,displayName,jobTitle,organisation,organisationKind,email,usesTeams,managerId</c>, then one person a row.
/// </summary>
public static class PeopleCsv
{
    private static readonly string[] Columns =
        ["id", "displayName", "jobTitle", "organisation", "organisationKind", "email", "usesTeams", "managerId"];

    /// <summary>Reads and checks the whole file; any problem throws <see cref="FormatException"/> naming the line.</summary>
    public static IReadOnlyList<Person> Parse(string text)
    {
        var records = CsvReader.Parse(text);
        if (records.Count == 0)
        {
            throw new FormatException("The people file is empty: it needs a header row.");
        }

        var columns = ReadHeader(records[0]);
        var people = new List<Person>(records.Count - 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var person = ReadPerson(record, columns);
            if (!seen.Add(person.Id))
            {
                throw new FormatException($"Line {record.LineNumber}: the id '{person.Id}' is used twice.");
            }

            people.Add(person);
        }

        return people;
    }

    private static Dictionary<string, int> ReadHeader(CsvRecord header)
    {
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            columns.TryAdd(header.Fields[i].Trim(), i);
        }

        var missing = Columns.Where(name => !columns.ContainsKey(name)).ToArray();
        return missing.Length == 0
            ? columns
            : throw new FormatException($"Line {header.LineNumber}: the header row lacks the column(s) {string.Join(", ", missing)}.");
    }

    private static Person ReadPerson(CsvRecord record, Dictionary<string, int> columns)
    {
        string? Field(string name)
        {
            var index = columns[name];
            var value = index < record.Fields.Count ? record.Fields[index].Trim() : string.Empty;
            return value.Length == 0 ? null : value;
        }

        var id = Field("id") ?? throw new FormatException($"Line {record.LineNumber}: the id is empty.");
        var name = Field("displayName") ?? throw new FormatException($"Line {record.LineNumber}: the displayName is empty.");
        var kind = Field("organisationKind");
        if (kind is not null && !OrganisationKinds.IsKnown(kind))
        {
            throw new FormatException(
                $"Line {record.LineNumber}: organisationKind '{kind}' is not one of {string.Join(", ", OrganisationKinds.All)}.");
        }

        return new Person(id, name, Field("jobTitle"), Field("organisation"), kind, Field("email"),
            ReadFlag(Field("usesTeams"), record.LineNumber), PersonSource.Directory, Field("managerId"));
    }

    private static bool ReadFlag(string? value, int line) => value?.ToUpperInvariant() switch
    {
        null or "FALSE" or "NO" => false,
        "TRUE" or "YES" => true,
        _ => throw new FormatException($"Line {line}: usesTeams must be true or false, not '{value}'."),
    };
}
