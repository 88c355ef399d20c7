using LearningBot.Privacy;
using LearningBot.Storage;

namespace LearningBot.LearningDirectory.Catalogue;

/// <summary>
/// An offer in the <c>LearningDirectory</c> table: partition <c>offer|{id}</c>, row <c>offer</c>; its sessions share the
/// partition, so an offer and its sessions change in one entity-group transaction. Typed text is set only from a
/// <see cref="ScrubbedOffer"/>. Lists are stored one item a line.
/// </summary>
public sealed record CourseOfferEntity : TableRow
{
    public const string Row = "offer";

    public string OfferId { get; init; } = string.Empty;

    public string Title { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string Summary { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string Topics { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string Provider { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string ProviderKind { get; init; } = string.Empty;

    public string OpenTo { get; init; } = string.Empty;

    public string StaffGroups { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public bool ForVolunteers { get; init; }

    public string Format { get; init; } = nameof(CourseFormat.Classroom);

    public string Length { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; } = string.Empty;

    public string? Cost { get; [Obsolete(StoredFreeText.Message, DiagnosticId = StoredFreeText.DiagnosticId)] init; }

    public string? BookingUrl { get; init; }

    public string? BookingEmail { get; init; }

    public string? BookingPhone { get; init; }

    public string? ArticleId { get; init; }

    public string? MandatoryTopic { get; init; }

    public bool IsSample { get; init; }

    public bool IsRetired { get; init; }

    /// <summary>The add form the offer came from, so pressing Save twice finds the first press's offer.</summary>
    public string? AddedWith { get; init; }

    public string UpdatedBy { get; init; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; init; }

    public static string PartitionFor(string offerId) => "offer|" + TableKeys.Encode(offerId);

    public static CourseOfferEntity Create(ScrubbedOffer offer, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new CourseOfferEntity { PartitionKey = PartitionFor(offer.Offer.Id), RowKey = Row, OfferId = offer.Offer.Id }.With(offer, by, at);
    }

#pragma warning disable LB0001 // The one way typed text gets in: from a ScrubbedOffer.
    /// <summary>This row holding <paramref name="offer"/> (its id and retirement aside).</summary>
    public CourseOfferEntity With(ScrubbedOffer offer, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var o = offer.Offer;
        return this with
        {
            Title = o.Title, Summary = o.Summary, Topics = Join(o.Topics), Provider = o.Provider, ProviderKind = o.ProviderKind,
            OpenTo = Join(o.OpenTo), StaffGroups = Join(o.StaffGroups), ForVolunteers = o.ForVolunteers, Format = o.Format.ToString(),
            Length = o.Length, Cost = o.Cost, BookingUrl = o.Booking.Url, BookingEmail = o.Booking.Email, BookingPhone = o.Booking.Phone,
            ArticleId = o.ArticleId, MandatoryTopic = o.MandatoryTopic, IsSample = o.IsSample, IsRetired = o.IsRetired,
            UpdatedBy = by, UpdatedAt = at,
        };
    }
#pragma warning restore LB0001

    /// <summary>Whether saving <paramref name="offer"/> would change nothing people see.</summary>
    public bool Holds(ScrubbedOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return Same(ToOffer(), offer.Offer);
    }

    /// <summary>Whether two offers say the same (records compare lists by reference, so the lists are compared item by item).</summary>
    public static bool Same(CourseOffer a, CourseOffer b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Flat(a) == Flat(b) && a.Topics.SequenceEqual(b.Topics) && a.OpenTo.SequenceEqual(b.OpenTo) && a.StaffGroups.SequenceEqual(b.StaffGroups);
    }

    private static readonly string[] NoItems = [];

    private static CourseOffer Flat(CourseOffer offer) => offer with { Topics = NoItems, OpenTo = NoItems, StaffGroups = NoItems };

    public CourseOfferEntity Retire(string by, DateTimeOffset at) => this with { IsRetired = true, UpdatedBy = by, UpdatedAt = at };

    public CourseOffer ToOffer() => new(
        OfferId, Title, Summary, Split(Topics), Provider, ProviderKind, Split(OpenTo), Split(StaffGroups), ForVolunteers,
        Enum.TryParse<CourseFormat>(Format, out var format) ? format : CourseFormat.Classroom, Length, Cost,
        new BookingRoute(BookingUrl, BookingEmail, BookingPhone), ArticleId, MandatoryTopic, IsSample, IsRetired);

    private static string Join(IEnumerable<string> items) => string.Join('\n', items);

    private static IReadOnlyList<string> Split(string text) =>
        text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
