using System.Globalization;
using System.Text;
using System.Text.Json;
using LearningBot.GoodPractice.LeadNotices;
using LearningBot.Leads;
using LearningBot.People;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.GoodPractice;

/// <summary>
/// The relevance set the good-practice bundles are measured against (Relevance/README.md) holds together: enough
/// examples and leads, only known themes and organisation kinds, and judgements that point at real examples.
/// </summary>
public sealed class RelevanceSetTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "LearningBot.Tests", "GoodPractice", "Relevance");

    private static readonly string[] LeadKinds = ["clinical-lead", "occupational-lead", "ld-lead", "network-lead"];

    private static readonly IReadOnlyList<Example> Examples = Read<ExamplesFile>("examples.json").Examples;

    private static readonly IReadOnlyList<Lead> Leads = Read<LeadsFile>("leads.json").Leads;

    private static readonly JudgementsFile Judged = Read<JudgementsFile>("judgements.json");

    [Fact]
    public void The_set_has_at_least_30_examples_and_15_leads_each_with_a_unique_id()
    {
        Assert.True(Examples.Count >= 30, $"{Examples.Count} examples");
        Assert.Equal(15, Leads.Count);
        AssertUnique(Examples.Select(e => e.Id));
        AssertUnique(Leads.Select(l => l.Id));
        AssertUnique(Leads.Select(l => Guid.Parse(l.PersonKey).ToString()));
    }

    [Fact]
    public void Every_example_is_complete_with_known_topics_and_organisation_kind()
    {
        Assert.All(Examples, example =>
        {
            Assert.All(new[] { example.Title, example.Problem, example.WhatWeDid, example.WhatChanged, example.WhatWeWouldDoDifferently },
                text => Assert.False(string.IsNullOrWhiteSpace(text), example.Id));
            Assert.True(OrganisationKinds.IsKnown(example.OrganisationKind), $"{example.Id}: {example.OrganisationKind}");
            Assert.NotEmpty(example.Topics);
            Assert.All(example.Topics, topic => Assert.True(SignalThemes.IsKnown(topic), $"{example.Id}: {topic}"));
        });
    }

    [Fact]
    public void Examples_come_from_every_kind_of_organisation()
    {
        Assert.Equal(OrganisationKinds.All.Order(), Examples.Select(e => e.OrganisationKind).Distinct().Order());
    }

    [Fact]
    public void Every_lead_has_a_known_kind_specialties_preference_and_a_note()
    {
        Assert.All(Leads, lead =>
        {
            Assert.True(OrganisationKinds.IsKnown(lead.OrganisationKind), $"{lead.Id}: {lead.OrganisationKind}");
            Assert.Contains(lead.Kind, LeadKinds);
            Assert.True(AlertPreferences.IsKnown(lead.AlertPreference), $"{lead.Id}: {lead.AlertPreference}");
            Assert.NotEmpty(lead.Specialties);
            Assert.All(lead.Specialties, topic => Assert.True(SignalThemes.IsKnown(topic), $"{lead.Id}: {topic}"));
            Assert.False(string.IsNullOrWhiteSpace(lead.Note), lead.Id);
        });
    }

    [Fact]
    public void No_lead_shares_a_person_key_with_the_whos_who()
    {
        var whosWho = File.ReadAllText(Path.Combine(RepoPaths.Root, "knowledge", "whos-who.json"));
        Assert.All(Leads, lead => Assert.DoesNotContain(lead.PersonKey, whosWho, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Every_lead_is_judged_once_with_at_least_3_relevant_examples_that_exist()
    {
        var exampleIds = Examples.Select(e => e.Id).ToHashSet();
        var leadsById = Leads.ToDictionary(l => l.Id);
        AssertUnique(Judged.Judgements.Select(j => j.LeadId));
        Assert.Equal(leadsById.Keys.Order(), Judged.Judgements.Select(j => j.LeadId).Order());
        Assert.All(Judged.Judgements, judgement =>
        {
            Assert.Equal(leadsById[judgement.LeadId].PersonKey, judgement.PersonKey);
            Assert.True(judgement.Relevant.Count >= 3, $"{judgement.LeadId}: {judgement.Relevant.Count} relevant");
            AssertUnique(judgement.Relevant.Select(r => r.ExampleId));
            Assert.All(judgement.Relevant, relevant =>
            {
                Assert.Contains(relevant.ExampleId, exampleIds);
                Assert.InRange(relevant.Grade, 1, 2);
                Assert.False(string.IsNullOrWhiteSpace(relevant.Reason), $"{judgement.LeadId}: {relevant.ExampleId}");
            });
        });
    }

    [Fact]
    public void The_judgement_is_dated_so_later_additions_can_be_told_apart()
    {
        Assert.True(DateOnly.TryParse(Judged.FrozenOn, out _), Judged.FrozenOn);
    }

    /// <summary>
    /// The ranking measured against the judgement written before it existed (README.md: precision@5 and nDCG@5 per lead,
    /// every example as if approved in the same week, none sent before). The figures go to
    /// artifacts/good-practice/relevance.txt; the floors are below what was measured, so a change that makes bundles
    /// clearly worse fails here.
    /// </summary>
    [Fact]
    public void The_ranking_puts_what_each_lead_would_want_in_their_top_5()
    {
        var traits = Examples.Select(e => new PracticeTraits(e.Id, e.Topics, e.OrganisationKind, e.WhatChanged.Any(char.IsAsciiDigit), RoleWords.Of($"{e.Title} {e.Problem} {e.WhatWeDid}"))).ToList();
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Good-practice bundle relevance: {Examples.Count} examples, {Leads.Count} leads, judgement frozen on {Judged.FrozenOn}.");
        report.AppendLine("lead      precision@5  ceiling  nDCG@5  top 5");
        var scores = new List<(double Precision, double Ceiling, double Ndcg)>();
        foreach (var lead in Leads)
        {
            var grades = Judged.Judgements.Single(j => j.LeadId == lead.Id).Relevant.ToDictionary(r => r.ExampleId, r => r.Grade);
            var interest = new LeadInterest(lead.PersonKey, lead.Specialties, lead.OrganisationKind, lead.Kind == "ld-lead", Retired: false, [], RoleWords.Of(lead.Role));
            var top = ExampleRelevance.Rank(traits, interest).Take(5).Select(r => r.Example.Id).ToList();
            var precision = top.Count(grades.ContainsKey) / 5.0;
            var ceiling = Math.Min(5, grades.Count) / 5.0;
            var ndcg = Dcg(top.Select(id => grades.GetValueOrDefault(id))) / Dcg(grades.Values.OrderDescending());
            scores.Add((precision, ceiling, ndcg));
            report.AppendLine(CultureInfo.InvariantCulture, $"{lead.Id,-9} {precision,11:0.00}  {ceiling,7:0.00}  {ndcg,6:0.00}  {string.Join(' ', top)}");
        }

        var mean = (Precision: scores.Average(s => s.Precision), Ceiling: scores.Average(s => s.Ceiling), Ndcg: scores.Average(s => s.Ndcg));
        report.AppendLine(CultureInfo.InvariantCulture, $"mean      {mean.Precision,11:0.00}  {mean.Ceiling,7:0.00}  {mean.Ndcg,6:0.00}");
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "good-practice");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "relevance.txt"), report.ToString());

        Assert.True(mean.Precision >= PrecisionFloor, report.ToString());
        Assert.True(mean.Ndcg >= NdcgFloor, report.ToString());
    }

    private const double PrecisionFloor = 0.65; // measured 0.65 (ceiling 0.89) when the ranking was first run, 0.69 with role-title words

    private const double NdcgFloor = 0.8; // measured 0.81, then 0.85 with role-title words

    private static double Dcg(IEnumerable<int> grades) => grades.Take(5).Select((grade, i) => grade / Math.Log2(i + 2)).Sum();

    private static void AssertUnique(IEnumerable<string> ids)
    {
        var duplicates = ids.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
        Assert.Empty(duplicates);
    }

    private static T Read<T>(string file) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(Folder, file)), JsonSerializerOptions.Web)
        ?? throw new InvalidDataException($"{file} is empty.");

    private sealed record ExamplesFile(IReadOnlyList<Example> Examples);

    private sealed record Example(
        string Id, string Title, string Problem, string WhatWeDid, string WhatChanged, string WhatWeWouldDoDifferently,
        string OrganisationKind, IReadOnlyList<string> Topics, string? Link);

    private sealed record LeadsFile(IReadOnlyList<Lead> Leads);

    private sealed record Lead(
        string Id, string Name, string PersonKey, string Role, string OrganisationKind, string Kind,
        IReadOnlyList<string> Specialties, string AlertPreference, string Note);

    private sealed record JudgementsFile(string FrozenOn, IReadOnlyList<Judgement> Judgements);

    private sealed record Judgement(string LeadId, string PersonKey, string Name, IReadOnlyList<Relevant> Relevant);

    private sealed record Relevant(string ExampleId, int Grade, string Reason);
}
