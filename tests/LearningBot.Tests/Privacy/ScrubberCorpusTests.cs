using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Xunit.Abstractions;

namespace LearningBot.Tests.Privacy;

/// <summary>
/// The scrubber against <c>scrubber-corpus.json</c>: strings as people type them, each with the identifiers that
/// must disappear (by kind), and strings with none that must come out unchanged. Prints recall per kind and the
/// false-positive rate (to the test output and the console), then holds the scrubber to its goals.
/// </summary>
public sealed class ScrubberCorpusTests(ITestOutputHelper output)
{
    /// <summary>What the person is told for each corpus kind (a CHI number told as an NHS number is still told).</summary>
    private static readonly Dictionary<string, string[]> Told = new(StringComparer.Ordinal)
    {
        ["nhs"] = [PersonalDataScrubber.NhsNumber],
        ["chi"] = [PersonalDataScrubber.ChiNumber, PersonalDataScrubber.NhsNumber],
        ["phone"] = [PersonalDataScrubber.PhoneNumber],
        ["email"] = [PersonalDataScrubber.EmailAddress],
        ["postcode"] = [PersonalDataScrubber.Postcode],
        ["address"] = [PersonalDataScrubber.Address],
        ["date"] = [PersonalDataScrubber.Date, PersonalDataScrubber.DateOfBirth],
        ["hospital"] = [PersonalDataScrubber.HospitalNumber],
        ["client"] = [PersonalDataScrubber.ClientReference],
        ["ni"] = [PersonalDataScrubber.NationalInsuranceNumber],
        ["name"] = [PersonalDataScrubber.Name],
        ["age"] = [PersonalDataScrubber.Age],
        ["bed"] = [PersonalDataScrubber.BedNumber],
        ["vehicle"] = [PersonalDataScrubber.VehicleRegistration],
    };

    /// <summary>Titles stay in the text by design ("Mrs [name removed]"), so they are not a leak.</summary>
    private static readonly HashSet<string> KeptWords = new(
        ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sister", "Nurse", "Matron", "Doctor", "Father", "MRS", "at", "dot", "AT", "DOT"],
        StringComparer.Ordinal);

    private static readonly Corpus Data = Corpus.Load();

    [Fact]
    public void The_corpus_is_big_enough_and_every_identifier_is_in_its_text()
    {
        Assert.True(Data.Identifiers.Count >= 150, $"{Data.Identifiers.Count} strings with identifiers");
        Assert.True(Data.Clean.Count >= 50, $"{Data.Clean.Count} clean strings");
        foreach (var entry in Data.Identifiers)
        {
            Assert.NotEmpty(entry.Remove);
            Assert.All(entry.Remove.SelectMany(kind => kind.Value), value => Assert.Contains(value, entry.Text, StringComparison.Ordinal));
            Assert.All(entry.Remove.Keys, kind => Assert.Contains(kind, Told.Keys));
        }
    }

    [Fact]
    public void Catches_every_identifier_of_every_kind_and_leaves_clean_text_alone()
    {
        var found = new Dictionary<string, (int Caught, int Total, int Told)>(StringComparer.Ordinal);
        var misses = new List<string>();
        foreach (var entry in Data.Identifiers)
        {
            var scrubbed = PersonalDataScrubber.Scrub(entry.Text, Data.Today);
            foreach (var (kind, values) in entry.Remove)
            {
                var told = Told[kind].Any(scrubbed.Removed.Contains) ? 1 : 0;
                foreach (var value in values)
                {
                    var leaked = Leaked(value, scrubbed.Text);
                    var (caught, total, toldCount) = found.GetValueOrDefault(kind);
                    found[kind] = (caught + (leaked ? 0 : 1), total + 1, toldCount + told);
                    if (leaked)
                    {
                        misses.Add($"  missed {kind} \"{value}\": {scrubbed.Text}");
                    }
                }
            }
        }

        var changed = Data.Clean
            .Select(text => (Text: text, Scrubbed: PersonalDataScrubber.Scrub(text, Data.Today).Text))
            .Where(pair => pair.Scrubbed != pair.Text)
            .ToList();
        var falsePositiveRate = (double)changed.Count / Data.Clean.Count;

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Scrubber corpus: {Data.Identifiers.Count} strings with identifiers, {Data.Clean.Count} without");
        report.AppendLine("  kind        caught/total  recall   kind told");
        foreach (var (kind, (caught, total, told)) in found.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"  {kind,-10}  {caught,4}/{total,-4}     {Percent(caught, total),6}  {Percent(told, total),6}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"  clean strings changed: {changed.Count}/{Data.Clean.Count} ({falsePositiveRate:P1})");
        misses.ForEach(miss => report.AppendLine(miss));
        changed.ForEach(pair => report.AppendLine(CultureInfo.InvariantCulture, $"  changed \"{pair.Text}\" to \"{pair.Scrubbed}\""));
        output.WriteLine(report.ToString());
        Console.WriteLine(report.ToString());
        WriteFigures(report.ToString());

        // Every kind is caught in full and no clean string changes: a rule that finds one more name must not lose another
        // or start taking organisations ("our client Acme Ltd") for people.
        Assert.All(Told.Keys, kind => Assert.True(found[kind].Caught == found[kind].Total, $"{kind}: {found[kind].Caught}/{found[kind].Total} caught"));
        Assert.True(changed.Count == 0, $"{changed.Count} of {Data.Clean.Count} clean strings changed ({falsePositiveRate:P1})");
    }

    [Fact]
    public void Every_string_scrubs_to_itself_the_second_time()
    {
        foreach (var text in Data.Identifiers.Select(entry => entry.Text).Concat(Data.Clean))
        {
            foreach (var marking in new[] { ScrubMarking.Labelled, ScrubMarking.Plain })
            {
                var once = PersonalDataScrubber.Scrub(text, Data.Today, marking);
                var twice = PersonalDataScrubber.Scrub(once.Text, Data.Today, marking);

                Assert.Equal(once.Text, twice.Text);
                Assert.Empty(twice.Removed);
            }
        }
    }

    /// <summary>
    /// The value is still there, or any word or number of three characters or more from it is (so "943 476 [removed]"
    /// is a miss for "943 476 5919"); titles the scrubber keeps on purpose do not count.
    /// </summary>
    private static bool Leaked(string value, string scrubbed) =>
        scrubbed.Contains(value, StringComparison.Ordinal)
        || Regex.Matches(value, @"[\p{L}\p{N}']{3,}").Select(m => m.Value.Trim('\'')).Where(word => word.Length >= 3 && !KeptWords.Contains(word))
            .Any(word => Regex.IsMatch(scrubbed, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(word)}(?![\p{{L}}\p{{N}}])"));

    private static string Percent(int part, int whole) => whole == 0 ? "-" : ((double)part / whole).ToString("P0", CultureInfo.InvariantCulture);

    private sealed record Entry(string Text, Dictionary<string, string[]> Remove);

    private sealed record Corpus(DateOnly Today, IReadOnlyList<Entry> Identifiers, IReadOnlyList<string> Clean)
    {
        public static Corpus Load()
        {
            var path = Path.Combine(RepoPaths.Root, "tests", "LearningBot.Tests", "Privacy", "scrubber-corpus.json");
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            return new Corpus(
                DateOnly.ParseExact(root.GetProperty("today").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                [.. root.GetProperty("identifiers").EnumerateArray().Select(entry => new Entry(
                    entry.GetProperty("text").GetString()!,
                    entry.GetProperty("remove").EnumerateObject().ToDictionary(
                        kind => kind.Name, kind => kind.Value.EnumerateArray().Select(v => v.GetString()!).ToArray(), StringComparer.Ordinal)))],
                [.. root.GetProperty("clean").EnumerateArray().Select(text => text.GetString()!)]);
        }
    }

    /// <summary>Kept under <c>artifacts/privacy</c> so the test command prints the figures after the run.</summary>
    private static void WriteFigures(string report)
    {
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "privacy");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "scrubber-figures.txt"), report);
    }
}
