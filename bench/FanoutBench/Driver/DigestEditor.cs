using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using LearningBot.Bench.FanoutBench.Simulator;

namespace LearningBot.Bench.FanoutBench.Driver;

/// <summary>
/// Plays the digest editor (scenario e): stores an approved edition as approval would (the bench drives sending, not
/// approval), then presses the <c>digest-send</c> card's Schedule with everyone who has the app and every kind of
/// organisation, "now". The bot's sending job resolves the audience and starts one delivery; the simulator's clock is
/// set to zero as Schedule is pressed.
/// </summary>
internal sealed partial class DigestEditor(HttpClient http, Uri messages, ConnectorSimulator simulator, TeamsActivities activities, string storage, string tablePrefix)
{
    private const string Kinds = "primary-care,acute-trust,mental-health-trust,ambulance-trust,council,voluntary-sector,independent-sector";

    public async Task<AnnounceOutcome> SendAsync(CancellationToken cancellationToken)
    {
        var table = new TableServiceClient(storage).GetTableClient(tablePrefix + "DigestEditions");
        await table.CreateIfNotExistsAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var items = new JsonArray(Enumerable.Range(1, 7).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"bench{i:D7}",
            ["kind"] = "team-item",
            ["category"] = "course",
            ["sourceId"] = string.Empty,
            ["headline"] = $"Safeguarding adults level 2: new dates, session {i}",
            ["text"] = "New dates for the safeguarding adults level 2 refresher are open for booking on the learning hub.",
            ["link"] = string.Empty,
            ["organisationKind"] = string.Empty,
        }).ToArray());
        await table.UpsertEntityAsync(new TableEntity("edition", "edition|000001")
        {
            ["Number"] = 1,
            ["PeriodFrom"] = now.AddDays(-30),
            ["PeriodTo"] = now,
            ["Status"] = "approved",
            ["EditorKey"] = BenchPeople.Sender.Id,
            ["CreatedAt"] = now,
            ["UpdatedAt"] = now,
            ["Version"] = 1,
            ["ItemsJson0"] = items.ToJsonString(),
        }, TableUpdateMode.Replace, cancellationToken);

        simulator.Mark();
        var press = activities.Execute(BenchPeople.Sender, "digest.send.schedule", new JsonObject
        {
            ["number"] = 1,
            ["version"] = 1,
            ["everyone"] = "true",
            ["kinds"] = Kinds,
            ["when"] = "now",
        });
        using var response = await http.PostAsJsonAsync(messages, press, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode && body.Contains("is on its way", StringComparison.Ordinal)
            ? new AnnounceOutcome(true, "edition 1 scheduled for now")
            : new AnnounceOutcome(false, $"digest.send.schedule answered {(int)response.StatusCode}: {(body.Length <= 160 ? body : body[..160] + "…")}");
    }

    /// <summary>The bot's own times, from its log: "audience resolved in 812 ms, delivery recorded in 2310 ms".</summary>
    public static string TimesFromLogs(string outDir, char scenario)
    {
        foreach (var log in Directory.EnumerateFiles(outDir, $"bot-{scenario}-*.log"))
        {
            if (Times().Match(File.ReadAllText(log)) is { Success: true } match)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"{match.Groups["recipients"].Value} recipients; audience resolved in {match.Groups["resolve"].Value} ms, delivery recorded in {match.Groups["start"].Value} ms");
            }
        }

        return "the bot logged no digest delivery";
    }

    [GeneratedRegex(@"to (?<recipients>\d+) recipient\(s\); audience resolved in (?<resolve>\d+) ms, delivery recorded in (?<start>\d+) ms")]
    private static partial Regex Times();
}
