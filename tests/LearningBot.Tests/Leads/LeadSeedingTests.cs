using LearningBot.Leads;
using LearningBot.Privacy;
using LearningBot.Storage;
using LearningBot.Tests.Support;

namespace LearningBot.Tests.Leads;

/// <summary>Seeding the register from the who's who: every lead once, again at no cost, and never over a change made in Teams.</summary>
public sealed class LeadSeedingTests(LeadsHostFixture fixture) : IClassFixture<LeadsHostFixture>
{
    private static readonly string WhosWho = Path.Combine(RepoPaths.Root, "knowledge", "whos-who.json");

    [Fact]
    public async Task Every_lead_in_the_whos_who_is_in_the_register_once_with_their_themes()
    {
        var seed = (await new LeadSeedFile(WhosWho).ReadAsync(CancellationToken.None))!;

        await fixture.Register.EnsureSeededAsync(CancellationToken.None);
        var entries = await fixture.Register.ListAsync(CancellationToken.None);

        Assert.Equal(26, seed.Count);
        Assert.All(seed, lead =>
        {
            var entry = Assert.Single(entries, e => e.PersonKey == lead.PersonKey);
            Assert.Equal((lead.Name, lead.RoleTitle, lead.Organisation), (entry.Name, entry.RoleTitle, entry.Organisation));
        });
        var rohan = Assert.Single(entries, e => e.WhosWhoId == "clinical-lead-dementia-mental-health");
        Assert.Equal("Rohan Mehta", rohan.Name);
        Assert.Equal("Clinical Lead for Dementia Care", rohan.RoleTitle);
        Assert.Equal("mental-health-trust", rohan.OrganisationKind);
        Assert.Equal(["dementia", "mental-health-awareness"], rohan.SpecialtyIds());
        Assert.Equal(AlertPreferences.Weekly, rohan.AlertPreference);
        Assert.False(rohan.EditedInTeams);
        Assert.DoesNotContain(entries, e => e.WhosWhoId?.StartsWith("ldst-", StringComparison.Ordinal) == true);
        Assert.All(seed, lead => Assert.All(lead.Specialties, theme => Assert.True(SignalThemes.IsKnown(theme), theme)));
    }

    [Fact]
    public async Task Seeding_again_writes_nothing()
    {
        var seed = (await new LeadSeedFile(WhosWho).ReadAsync(CancellationToken.None))!;
        await fixture.Register.SeedAsync(seed, CancellationToken.None);

        var again = await fixture.Register.SeedAsync(seed, CancellationToken.None);

        Assert.Equal((seed.Count, 0, 0), (again.InSeed, again.Added, again.Updated));
    }

    [Fact]
    public async Task Seeding_follows_the_file_but_keeps_what_was_changed_in_Teams()
    {
        var register = fixture.Register;
        var edited = Seed(Guid.NewGuid(), "Occupational Therapy Lead", "moving-and-handling");
        var untouched = Seed(Guid.NewGuid(), "Speech and Language Lead", "nutrition-and-hydration");
        await register.SeedAsync([edited, untouched], CancellationToken.None);
        await register.ChangeAsync(edited.PersonKey, entry => new EntityDecision<LeadEntry>.Write(
            entry.WithChoices(["moving-and-handling", "dementia"], AlertPreferences.StraightAway, edited.PersonKey, DateTimeOffset.UtcNow)), CancellationToken.None);

        var result = await register.SeedAsync(
            [edited with { RoleTitle = "Head of Therapies", Specialties = ["other"] }, untouched with { RoleTitle = "Head of Speech and Language", Specialties = ["communication-and-information"] }],
            CancellationToken.None);

        Assert.Equal((0, 1, 1), (result.Added, result.Updated, result.KeptTeamsEdits));
        var keptEdit = (await register.FindAsync(edited.PersonKey, CancellationToken.None))!;
        Assert.Equal("Occupational Therapy Lead", keptEdit.RoleTitle);
        Assert.Equal(["dementia", "moving-and-handling"], keptEdit.SpecialtyIds());
        Assert.Equal(AlertPreferences.StraightAway, keptEdit.AlertPreference);
        var followed = (await register.FindAsync(untouched.PersonKey, CancellationToken.None))!;
        Assert.Equal("Head of Speech and Language", followed.RoleTitle);
        Assert.Equal(["communication-and-information"], followed.SpecialtyIds());
        Assert.False(followed.EditedInTeams);
        var entries = await register.ListAsync(CancellationToken.None);
        Assert.Single(entries, e => e.PersonKey == edited.PersonKey);
        Assert.Single(entries, e => e.PersonKey == untouched.PersonKey);
    }

    [Fact]
    public void Only_leads_with_a_person_key_and_a_known_theme_are_seeded()
    {
        var seed = LeadSeedFile.Parse(
        [
            new("a", "Ada", "Lead", "clinical-lead", "Trust", "acute-trust", "0A1B2C3D-0000-4000-8000-000000000001", ["dementia", "made-up"]),
            new("b", "Ben", "Lead", "clinical-lead", "Trust", "acute-trust", null, ["dementia"]),
            new("c", "Cat", "Lead", "clinical-lead", "Trust", "acute-trust", "0a1b2c3d-0000-4000-8000-000000000003", ["made-up"]),
            new("d", "Dan", "Adviser", "ld-support", "Hub", "all", "0a1b2c3d-0000-4000-8000-000000000004", ["dementia"]),
        ]);

        var only = Assert.Single(seed);
        Assert.Equal("0a1b2c3d-0000-4000-8000-000000000001", only.PersonKey);
        Assert.Equal(["dementia"], only.Specialties);
    }

    private static LeadSeed Seed(Guid key, string role, string theme) =>
        new("test-" + key.ToString("N")[..8], key.ToString("D"), "Test Lead", role, "City General Hospital NHS Foundation Trust", "acute-trust", [theme]);
}
