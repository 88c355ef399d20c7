using LearningBot.LearningDirectory;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>Offers, sessions and stores for the learning directory's tests.</summary>
internal static class DirectoryTestData
{
    public static readonly DateOnly Today = new(2026, 3, 2);

    public static string NewId(string what) => $"{what}-{Guid.NewGuid().ToString("N")[..8]}";

    public static CourseOffer Offer(string id, string kind = "acute-trust", string title = "Adult basic life support", bool retired = false) => new(
        id, title, "Chest compressions and using a defibrillator, mostly on manikins.", ["basic life support", "resuscitation"],
        "City General Hospital NHS Foundation Trust", kind, [], ["all clinical staff"], ForVolunteers: false, CourseFormat.Classroom, "2 hours",
        Cost: null, new BookingRoute("https://learning.example.org/book/bls", "education@example.org", "01632 960100"), ArticleId: null,
        MandatoryTopic: "resuscitation", IsSample: false, IsRetired: retired);

    public static CourseSession Session(string offerId, string id, DateTimeOffset starts, bool cancelled = false, string? place = "Education Centre, Peterborough") =>
        new(offerId, id, starts, starts.AddHours(2), place, place is null ? "Microsoft Teams: the link comes with your booking" : null, 6, cancelled);

    public static CourseDirectoryStore Store(AzuriteFixture azurite, TimeProvider clock, params ICourseSessionAdded[] listeners) =>
        new(azurite.Storage, clock, listeners, NullLogger<CourseDirectoryStore>.Instance);

    public static TableCourseCatalogue Catalogue(CourseDirectoryStore store, TimeProvider clock, TimeSpan? refresh = null) =>
        new(store, clock, Options.Create(new LearningDirectoryOptions { CatalogueRefresh = refresh ?? TimeSpan.FromSeconds(5) }));

    public static Task<OfferWrite> WriteAsync(CourseDirectoryStore store, CourseOffer offer, params CourseSession[] sessions) =>
        store.WriteAsync(ScrubbedOffer.Of(offer, Today), [.. sessions.Select(s => ScrubbedSession.Of(s, Today))], "test", CancellationToken.None);
}
