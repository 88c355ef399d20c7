using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LearningBot.Calendar;
using LearningBot.LearningDirectory;

namespace LearningBot.Tests.LearningDirectory;

/// <summary>
/// A learning directory held in memory, read from <c>test-offers.json</c>: realistic offers from every kind of
/// organisation, with sessions a given number of days after "now" (UK time), so dates are always upcoming.
/// </summary>
public sealed class TestCatalogue(IReadOnlyList<CourseListing> listings) : ICourseCatalogue
{
    public const string FileName = "test-offers.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly TimeZoneInfo UkTime =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var zone) ? zone : TimeZoneInfo.Utc;

    public IReadOnlyList<CourseListing> Listings { get; set; } = listings;

    public ValueTask<IReadOnlyList<CourseListing>> CurrentAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Listings);

    /// <summary>The offers of <c>test-offers.json</c> (in <paramref name="folder"/>) with sessions dated from <paramref name="now"/>.</summary>
    public static TestCatalogue Load(string folder, DateTimeOffset now)
    {
        var file = JsonSerializer.Deserialize<OfferFile>(File.ReadAllText(Path.Combine(folder, FileName)), Json)
            ?? throw new InvalidDataException($"{FileName} is empty.");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, UkTime).DateTime);
        return new TestCatalogue([.. file.Offers.Select(o => new CourseListing(o.ToOffer(), [.. o.Sessions.Select((s, i) => s.ToSession(o.Id, i, today))]))]);
    }

    private sealed record OfferFile(IReadOnlyList<OfferRow> Offers);

    private sealed record OfferRow(
        string Id, string Title, string Summary, IReadOnlyList<string> Topics, string Provider, string ProviderKind, IReadOnlyList<string> OpenTo,
        IReadOnlyList<string> StaffGroups, bool ForVolunteers, CourseFormat Format, string Length, string? Cost, BookingRoute Booking,
        string? ArticleId, string? MandatoryTopic, IReadOnlyList<SessionRow> Sessions)
    {
        public CourseOffer ToOffer() => new(
            Id, Title, Summary, Topics, Provider, ProviderKind, OpenTo, StaffGroups, ForVolunteers, Format, Length, Cost, Booking, ArticleId, MandatoryTopic,
            IsSample: true, IsRetired: false);
    }

    private sealed record SessionRow(int InDays, string Start, string End, string? Place, string? JoiningRoute, int? PlacesLeft)
    {
        public CourseSession ToSession(string offerId, int index, DateOnly today) =>
            new(offerId, $"{offerId}-{index + 1}", At(today.AddDays(InDays), Start), At(today.AddDays(InDays), End), Place, JoiningRoute, PlacesLeft, IsCancelled: false);

        private static DateTimeOffset At(DateOnly day, string time)
        {
            var local = day.ToDateTime(TimeOnly.Parse(time, CultureInfo.InvariantCulture));
            return new DateTimeOffset(local, UkTime.GetUtcOffset(local));
        }
    }
}
