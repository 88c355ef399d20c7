using LearningBot.Calendar;
using LearningBot.Leads;
using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.Privacy;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using static LearningBot.Tests.LearningDirectory.DirectoryTestData;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>The sample offers shipped in <c>learning-directory/sample-offers.json</c>, and loading them on Azurite.</summary>
public sealed class SampleOfferTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly SampleOfferFile File = new(Path.Combine(RepoPaths.Root, "learning-directory", "sample-offers.json"));

    [Fact]
    public async Task The_sample_covers_every_kind_of_organisation_with_at_least_60_offers_and_150_sessions_in_the_next_six_months()
    {
        var sample = (await File.ReadAsync(Today, CancellationToken.None))!;
        var sessions = sample.SelectMany(o => o.Sessions).ToList();
        var firstDay = UkTime.At(Today, TimeOnly.MinValue);

        Assert.True(sample.Count >= 60, $"{sample.Count} offers");
        Assert.True(sessions.Count >= 150, $"{sessions.Count} sessions");
        Assert.All(LeadOrganisationKinds.All, kind => Assert.Contains(sample, o => o.Offer.ProviderKind == kind.Value));
        Assert.All(sessions, s => Assert.InRange(s.Starts, firstDay, firstDay.AddMonths(6)));
        Assert.All(sessions, s => Assert.True(s.Ends > s.Starts, s.Id));
        Assert.All(sessions, s => Assert.True(s.Place is not null || s.JoiningRoute is not null, s.Id));
        Assert.All(sample, o => Assert.True(o.Offer.IsSample && !o.Offer.Booking.IsEmpty, o.Offer.Id));
        Assert.Equal(sample.Count, sample.Select(o => o.Offer.Id).Distinct().Count());
        Assert.Equal(sessions.Count, sessions.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public async Task Sample_links_and_topics_are_ones_the_bot_knows()
    {
        var sample = (await File.ReadAsync(Today, CancellationToken.None))!;
        var articles = Directory.GetFiles(Path.Combine(RepoPaths.Root, "knowledge", "articles"), "*.md").Select(Path.GetFileNameWithoutExtension).ToHashSet();

        Assert.All(sample.Where(o => o.Offer.ArticleId is not null), o => Assert.Contains(o.Offer.ArticleId, articles));
        Assert.All(sample.Where(o => o.Offer.MandatoryTopic is not null), o => Assert.True(MandatoryTopics.IsKnown(o.Offer.MandatoryTopic), o.Offer.Id));
        Assert.All(MandatoryTopics.All, topic => Assert.Contains(sample, o => o.Offer.MandatoryTopic == topic.Id));
        Assert.All(sample.SelectMany(o => o.Offer.OpenTo), kind => Assert.True(LearningBot.People.OrganisationKinds.IsKnown(kind), kind));
        Assert.All(sample, o => Assert.Matches("^https://[a-z.]+\\.example\\.org/|^$", o.Offer.Booking.Url ?? string.Empty));
        Assert.All(sample.Where(o => o.Offer.Booking.Phone is not null), o => Assert.StartsWith("01632 ", o.Offer.Booking.Phone, StringComparison.Ordinal));
        string[] topics = ["moving and handling", "basic life support", "safeguarding adults", "safeguarding children", "dementia", "end of life care",
            "infection prevention and control", "fire safety", "information governance", "medicines", "mental health awareness", "learning disability",
            "autism", "Oliver McGowan", "equality and diversity", "conflict resolution", "food hygiene", "first aid", "Care Certificate", "leadership",
            "coaching", "mentoring", "apprenticeships", "digital skills"];
        Assert.All(topics, topic => Assert.Contains(sample, o => o.Offer.Topics.Contains(topic, StringComparer.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task The_sample_s_text_comes_through_scrubbing_unchanged()
    {
        var sample = (await File.ReadAsync(Today, CancellationToken.None))!;

        Assert.All(sample, o => Assert.False(ScrubbedOffer.Of(o.Offer, Today).WasScrubbed, o.Offer.Id));
        Assert.All(sample.SelectMany(o => o.Sessions), s => Assert.False(ScrubbedSession.Of(s, Today).WasScrubbed, $"{s.Id}: {s.Place}"));
    }

    [Fact]
    public async Task Loading_the_sample_again_on_another_instance_or_a_later_day_adds_nothing_and_keeps_edits()
    {
        var firstDay = new ManualClock(new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.Zero));
        var store = Store(azurite, firstDay);
        var first = await Seeder(store, firstDay).SeedAsync(CancellationToken.None);
        var (offers, sessions) = await store.ReadAllAsync(CancellationToken.None);
        Assert.Equal(first.InFile, first.Added);
        Assert.Equal(first.InFile, offers.Count);
        Assert.All(offers, o => Assert.True(o.IsSample));
        var retired = offers[0].OfferId;
        await store.ChangeOfferAsync(retired, o => new LearningBot.Storage.EntityDecision<CourseOfferEntity>.Write(o.Retire("test", firstDay.Now)), CancellationToken.None);

        var later = new ManualClock(firstDay.Now.AddDays(40));
        var results = await Task.WhenAll(Seeder(Store(azurite, later), later).SeedAsync(CancellationToken.None), Seeder(Store(azurite, later), later).SeedAsync(CancellationToken.None));

        Assert.All(results, r => Assert.Equal(0, r.Added));
        var (offersAfter, sessionsAfter) = await store.ReadAllAsync(CancellationToken.None);
        Assert.Equal(offers.Count, offersAfter.Count);
        Assert.Equal(sessions.Select(s => (s.RowKey, s.Starts)).Order(), sessionsAfter.Select(s => (s.RowKey, s.Starts)).Order());
        Assert.True(offersAfter.Single(o => o.OfferId == retired).IsRetired);
        var catalogue = await Catalogue(store, later).CurrentAsync(CancellationToken.None);
        Assert.DoesNotContain(catalogue, l => l.Offer.Id == retired);
        Assert.True(catalogue.Sum(l => l.UpcomingSessions.Count) < sessions.Count, "sessions in the first 40 days are past");
    }

    private static SampleOfferSeeder Seeder(CourseDirectoryStore store, TimeProvider clock) =>
        new(store, File, clock, NullLogger<SampleOfferSeeder>.Instance);
}
