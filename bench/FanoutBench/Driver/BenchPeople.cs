using System.Globalization;
using System.Text;

namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>The benchmark's people directory: N people spread over the community's organisations, written as the bot's seed CSV.</summary>
internal static class BenchPeople
{
    /// <summary>The L&amp;D Support Team member who sends the announcement (not in the directory, so not a recipient).</summary>
    public static BenchPerson Sender { get; } = new(0, "00000000-0000-4000-9000-000000000001", "Support Team Bench", "Learning and Development Hub", "council", true, true);

    /// <summary>The person whose <c>help</c> turns are timed (not in the directory).</summary>
    public static BenchPerson Probe { get; } = new(0, "00000000-0000-4000-9000-000000000002", "Latency Probe", "Learning and Development Hub", "council", true, true);

    private static readonly (string Name, string Kind)[] Organisations =
    [
        ("Harbour Lane Community Trust", "voluntary-sector"),
        ("Riverside Primary Care Network", "primary-care"),
        ("County General Hospital", "acute-trust"),
        ("Northfield Mental Health Trust", "mental-health-trust"),
        ("Coastal Ambulance Service", "ambulance-trust"),
        ("Borough Council Adult Social Care", "council"),
        ("Meadowbank Care Homes", "independent-sector"),
    ];

    /// <summary>
    /// <paramref name="count"/> people; about <paramref name="withoutTeams"/> of them without Teams and about
    /// <paramref name="withoutChat"/> with Teams but no chat with the bot yet, spread evenly through the list.
    /// </summary>
    public static IReadOnlyList<BenchPerson> Create(int count, double withoutTeams, double withoutChat)
    {
        var noTeamsEvery = Every(withoutTeams);
        var noChatEvery = Every(withoutChat);
        return [.. Enumerable.Range(1, count).Select(number =>
        {
            var (organisation, kind) = Organisations[number % Organisations.Length];
            var usesTeams = noTeamsEvery == 0 || number % noTeamsEvery != 0;
            var hasChat = usesTeams && (noChatEvery == 0 || number % noChatEvery != noChatEvery / 2);
            return new BenchPerson(number, $"00000000-0000-4000-8000-{number:D12}", $"Bench Person {number}", organisation, kind, usesTeams, hasChat);
        })];
    }

    public static string ToCsv(IEnumerable<BenchPerson> people)
    {
        var csv = new StringBuilder("id,displayName,jobTitle,organisation,organisationKind,email,usesTeams,managerId\n");
        foreach (var person in people)
        {
            csv.Append(CultureInfo.InvariantCulture,
                $"{person.Id},{person.Name},Support worker,{person.Organisation},{person.OrganisationKind},bench.person.{person.Number}@community.example,{(person.UsesTeams ? "true" : "false")},\n");
        }

        return csv.ToString();
    }

    /// <summary>The ids of the people a seed file marks as not using Teams.</summary>
    public static HashSet<string> WithoutTeams(string csvPath) =>
        new(File.ReadLines(csvPath).Skip(1).Select(line => line.Split(','))
            .Where(fields => fields.Length > 6 && fields[6].Trim().Equals("false", StringComparison.OrdinalIgnoreCase))
            .Select(fields => fields[0].Trim()), StringComparer.Ordinal);

    private static int Every(double share) => share <= 0 ? 0 : Math.Max(1, (int)Math.Round(1 / share));
}
