using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LearningBot.Calendar;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>A sample offer with its sessions, their dates worked out from the sample's anchor day.</summary>
public sealed record SampleOffer(CourseOffer Offer, IReadOnlyList<CourseSession> Sessions);

/// <summary>
/// <c>learning-directory/sample-offers.json</c>: offers written for the sample, each session given as a week after the
/// anchor day's week, a weekday and UK start and end times, so the sample is always in the months after it is loaded.
/// Resolved once: the content root first, then the app's own folder.
/// </summary>
public sealed class SampleOfferFile(string? path)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The file's full path, or null when seeding is off.</summary>
    public string? Path { get; } = path;

    public static SampleOfferFile Resolve(LearningDirectoryOptions options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.SeedSample || string.IsNullOrWhiteSpace(options.SampleFile))
        {
            return new SampleOfferFile(null);
        }

        var candidates = new[]
        {
            System.IO.Path.GetFullPath(options.SampleFile, contentRoot),
            System.IO.Path.GetFullPath(options.SampleFile, AppContext.BaseDirectory),
        };
        return new SampleOfferFile(candidates.FirstOrDefault(File.Exists) ?? candidates[0]);
    }

    /// <summary>The sample with dates counted from <paramref name="anchor"/>; null when seeding is off. A bad file throws.</summary>
    public async Task<IReadOnlyList<SampleOffer>?> ReadAsync(DateOnly anchor, CancellationToken cancellationToken)
    {
        if (Path is null)
        {
            return null;
        }

        await using var stream = File.OpenRead(Path);
        var file = await JsonSerializer.DeserializeAsync<SampleFile>(stream, JsonOptions, cancellationToken).ConfigureAwait(false);
        return [.. (file?.Offers ?? []).Select(offer => offer.ToSample(anchor))];
    }

    /// <summary>The Monday of the anchor's week, plus whole weeks, plus the weekday.</summary>
    internal static DateOnly DateOf(DateOnly anchor, int week, DayOfWeek day)
    {
        var monday = anchor.AddDays(-(((int)anchor.DayOfWeek + 6) % 7));
        return monday.AddDays(week * 7 + ((int)day + 6) % 7);
    }

    internal sealed record SampleFile(IReadOnlyList<SampleOfferJson>? Offers);

    internal sealed record SampleBooking(string? Url, string? Email, string? Phone);

    internal sealed record SampleSessionJson(string Id, int Week, DayOfWeek Day, string Start, string End, string? Place, string? JoiningRoute, int? PlacesLeft);

    internal sealed record SampleOfferJson(
        string Id, string Title, string Summary, IReadOnlyList<string>? Topics, string Provider, string ProviderKind, IReadOnlyList<string>? OpenTo,
        IReadOnlyList<string>? StaffGroups, bool ForVolunteers, CourseFormat Format, string Length, string? Cost, SampleBooking? Booking,
        string? ArticleId, string? MandatoryTopic, IReadOnlyList<SampleSessionJson>? Sessions)
    {
        public SampleOffer ToSample(DateOnly anchor) => new(
            new CourseOffer(Id, Title, Summary, Topics ?? [], Provider, ProviderKind, OpenTo ?? [], StaffGroups ?? [], ForVolunteers, Format, Length, Cost,
                new BookingRoute(Booking?.Url, Booking?.Email, Booking?.Phone), ArticleId, MandatoryTopic, IsSample: true, IsRetired: false),
            [.. (Sessions ?? []).Select(session => Dated(session, anchor))]);

        private CourseSession Dated(SampleSessionJson session, DateOnly anchor)
        {
            var date = DateOf(anchor, session.Week, session.Day);
            return new CourseSession(Id, session.Id, UkTime.At(date, Time(session.Start)), UkTime.At(date, Time(session.End)),
                session.Place, session.JoiningRoute, session.PlacesLeft, IsCancelled: false);
        }

        private static TimeOnly Time(string text) => TimeOnly.ParseExact(text, "HH:mm", CultureInfo.InvariantCulture);
    }
}
