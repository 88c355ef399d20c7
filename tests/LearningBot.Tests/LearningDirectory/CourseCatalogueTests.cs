using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.Storage;
using LearningBot.Tests.Support;
using static LearningBot.Tests.LearningDirectory.DirectoryTestData;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>The directory's store and the catalogue search reads, on Azurite.</summary>
public sealed class CourseCatalogueTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task The_catalogue_lists_upcoming_sessions_soonest_first_and_leaves_out_past_and_cancelled_ones()
    {
        var store = Store(azurite, _clock);
        var id = NewId("bls");
        var now = _clock.Now;
        await WriteAsync(store, Offer(id),
            Session(id, "later", now.AddDays(20)), Session(id, "past", now.AddDays(-1)), Session(id, "cancelled", now.AddDays(3), cancelled: true),
            Session(id, "soon", now.AddDays(2)));

        var listing = Assert.Single(await Catalogue(store, _clock).CurrentAsync(CancellationToken.None), l => l.Offer.Id == id);

        Assert.Equal(["soon", "later"], listing.UpcomingSessions.Select(s => s.Id));
        Assert.Equal("resuscitation", listing.Offer.MandatoryTopic);
        Assert.Equal(["basic life support", "resuscitation"], listing.Offer.Topics);
        Assert.Equal("01632 960100", listing.Offer.Booking.Phone);
    }

    [Fact]
    public async Task A_session_drops_off_when_it_starts_even_from_what_the_catalogue_already_holds()
    {
        var store = Store(azurite, _clock);
        var catalogue = Catalogue(store, _clock, refresh: TimeSpan.FromHours(1));
        var id = NewId("ipc");
        await WriteAsync(store, Offer(id), Session(id, "today", _clock.Now.AddHours(2)));
        Assert.Single(Assert.Single(await catalogue.CurrentAsync(CancellationToken.None), l => l.Offer.Id == id).UpcomingSessions);

        _clock.Advance(TimeSpan.FromHours(3));

        var listing = Assert.Single(await catalogue.CurrentAsync(CancellationToken.None), l => l.Offer.Id == id);
        Assert.Empty(listing.UpcomingSessions);
    }

    [Fact]
    public async Task A_retired_offer_is_not_in_the_catalogue()
    {
        var store = Store(azurite, _clock);
        var id = NewId("fire");
        await WriteAsync(store, Offer(id, title: "Fire safety"), Session(id, "one", _clock.Now.AddDays(5)));

        await store.ChangeOfferAsync(id, offer => new EntityDecision<CourseOfferEntity>.Write(offer.Retire("test", _clock.Now)), CancellationToken.None);

        Assert.DoesNotContain(await Catalogue(store, _clock).CurrentAsync(CancellationToken.None), l => l.Offer.Id == id);
        Assert.True((await store.FindOfferAsync(id, CancellationToken.None))!.Offer.IsRetired);
    }

    [Fact]
    public async Task Another_instance_sees_an_edit_once_its_refresh_time_has_passed()
    {
        var thisInstance = Store(azurite, _clock);
        var otherInstance = Catalogue(Store(azurite, _clock), _clock, refresh: TimeSpan.FromSeconds(5));
        var id = NewId("dementia");
        await WriteAsync(thisInstance, Offer(id, title: "Dementia care on the ward"), Session(id, "one", _clock.Now.AddDays(5)));
        Assert.Contains(await otherInstance.CurrentAsync(CancellationToken.None), l => l.Offer.Id == id);

        await WriteAsync(thisInstance, Offer(id, title: "Dementia care in hospital"), Session(id, "one", _clock.Now.AddDays(5)), Session(id, "two", _clock.Now.AddDays(9)));
        _clock.Advance(TimeSpan.FromSeconds(6));

        var listing = Assert.Single(await otherInstance.CurrentAsync(CancellationToken.None), l => l.Offer.Id == id);
        Assert.Equal("Dementia care in hospital", listing.Offer.Title);
        Assert.Equal(["one", "two"], listing.UpcomingSessions.Select(s => s.Id));
    }

    [Fact]
    public async Task Writing_the_same_offer_again_changes_nothing_and_a_changed_session_is_updated_not_duplicated()
    {
        var store = Store(azurite, _clock);
        var id = NewId("mh");
        var first = await WriteAsync(store, Offer(id), Session(id, "one", _clock.Now.AddDays(5)));
        var again = await WriteAsync(store, Offer(id), Session(id, "one", _clock.Now.AddDays(5)));
        var moved = await WriteAsync(store, Offer(id), Session(id, "one", _clock.Now.AddDays(6)));

        Assert.Equal(new OfferWrite(true, false, 1, 0), first);
        Assert.Equal(new OfferWrite(false, false, 0, 0), again);
        Assert.Equal(new OfferWrite(false, false, 0, 1), moved);
        var stored = (await store.FindOfferAsync(id, CancellationToken.None))!;
        Assert.Equal(_clock.Now.AddDays(6), Assert.Single(stored.Sessions).Starts);
    }

    [Fact]
    public async Task Identifiers_in_a_place_are_scrubbed_before_they_are_stored()
    {
        var store = Store(azurite, _clock);
        var id = NewId("place");
        await WriteAsync(store, Offer(id), Session(id, "one", _clock.Now.AddDays(5), place: "Ward 3, ask for extension 07700 900123"));

        var session = Assert.Single((await store.FindOfferAsync(id, CancellationToken.None))!.Sessions);

        Assert.DoesNotContain("07700 900123", session.Place, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_session_is_told_to_whoever_listens_once()
    {
        var heard = new RecordingListener();
        var store = Store(azurite, _clock, heard);
        var id = NewId("eol");
        await WriteAsync(store, Offer(id), Session(id, "one", _clock.Now.AddDays(5)));
        await WriteAsync(store, Offer(id), Session(id, "one", _clock.Now.AddDays(5)), Session(id, "two", _clock.Now.AddDays(8)));

        Assert.Equal(["one", "two"], heard.Sessions.Select(s => s.Id));
    }

    private sealed class RecordingListener : ICourseSessionAdded
    {
        public List<CourseSession> Sessions { get; } = [];

        public Task SessionAddedAsync(CourseOffer offer, CourseSession session, CancellationToken cancellationToken)
        {
            Sessions.Add(session);
            return Task.CompletedTask;
        }
    }
}
