using System.Globalization;
using System.Text;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.MultiInstance;

/// <summary>
/// Two bot processes sharing one delivery queue and ledger, with a seeded people directory of 400: 200 in primary care
/// (6 of them without Teams) and 200 elsewhere (8 without Teams), and an L&amp;D Support Team member to announce.
/// Each instance works on one queue message at a time and polls often, so both take part; claims, hidden messages and
/// the sweep run out within seconds, so work an instance leaves behind when it dies is soon picked up.
/// </summary>
public sealed class SharedDeliveryInstances : BotInstances, IDisposable
{
    public const string PrimaryCare = "kind:primary-care";

    private readonly string _seedFile = Path.Combine(Path.GetTempPath(), $"shared-delivery-people-{Guid.NewGuid():N}.csv");

    public SharedDeliveryInstances()
    {
        People = [.. Enumerable.Range(1, 400).Select(Person)];
        File.WriteAllText(_seedFile, ToCsv(People));
    }

    /// <summary>The L&amp;D Support Team member who announces (not in the directory, so never a recipient).</summary>
    public static TestPerson Sender { get; } = new("29:1-ld-announcer", "3b9e0a41-0000-4000-8000-0000000051a9", "Robin Hale");

    public IReadOnlyList<SeededPerson> People { get; }

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["People:Source"] = "Directory",
        ["People:SeedFile"] = _seedFile,
        ["Roles:SupportTeam:0"] = Sender.AadObjectId,
        ["Delivery:Reach:ServiceUrl"] = Connector.ServiceUrl,
        ["Delivery:Reach:TenantId"] = TeamsActivities.TenantId,
        ["Delivery:Budget:PerSecond"] = "1000",
        ["Delivery:Budget:PerConversationPerSecond"] = "100",
        ["Delivery:Budget:PerConversationPer2Seconds"] = "200",
        ["Delivery:Budget:PerConversationPer30Seconds"] = "1000",
        ["Delivery:Budget:PerConversationPerHour"] = "10000",
        ["Delivery:MaxMessagesInFlight"] = "1",
        ["Delivery:IdlePollDelay"] = "00:00:00.1",
        ["Delivery:MaxIdlePollDelay"] = "00:00:00.3",
        // Short enough that work a killed instance held is soon taken over, long enough that a send slowed down by a busy
        // machine is never given up while Teams (here the fake connector) is still taking it, which would send it twice.
        ["Delivery:VisibilityTimeout"] = "00:00:10",
        ["Delivery:SendTimeout"] = "00:00:08",
        ["Delivery:LeaseDuration"] = "00:00:15",
        ["Delivery:SweepInterval"] = "00:00:01",
        ["Delivery:StallAfter"] = "00:00:08",
        ["Delivery:Progress:UpdateEvery"] = "00:00:00.5",

        // The most a turn may take, so that a machine busy with other work slows the tests down rather than failing them.
        ["BotHosting:TurnTimeout"] = "00:00:14",
        ["Storage:TurnBudget"] = "00:00:10",
    };

    public void Dispose() => File.Delete(_seedFile);

    /// <summary>Every 33rd person in primary care, and every 25th elsewhere, does not use Teams.</summary>
    private static SeededPerson Person(int number)
    {
        var primaryCare = number <= 200;
        var usesTeams = primaryCare ? number % 33 != 0 : number % 25 != 0;
        return new SeededPerson($"00000000-0000-4000-8000-{number:D12}", primaryCare ? "primary-care" : "acute-trust", usesTeams);
    }

    private static string ToCsv(IEnumerable<SeededPerson> people)
    {
        var csv = new StringBuilder("id,displayName,jobTitle,organisation,organisationKind,email,usesTeams,managerId\n");
        foreach (var (person, index) in people.Select((person, index) => (person, index + 1)))
        {
            var organisation = person.OrganisationKind == "primary-care" ? "Riverside Primary Care Network" : "County General Hospital";
            csv.Append(CultureInfo.InvariantCulture,
                $"{person.Id},Staff Member {index},Support worker,{organisation},{person.OrganisationKind},staff.{index}@community.example,{(person.UsesTeams ? "true" : "false")},\n");
        }

        return csv.ToString();
    }
}
