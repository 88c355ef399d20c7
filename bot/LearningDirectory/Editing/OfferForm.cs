using LearningBot.Connector.Hosting;

namespace LearningBot.LearningDirectory.Editing;

/// <summary>
/// What the offer form holds or sent back. For a new offer <see cref="IsNew"/> is set and <see cref="OfferId"/> is the
/// code typed; <see cref="FormId"/> tells one add form from another, so Save pressed twice adds once.
/// </summary>
public sealed record OfferForm(
    bool IsNew, string OfferId, string FormId, string Title, string Summary, string Topics, string Provider, string ProviderKind, string OpenTo,
    string StaffGroups, bool ForVolunteers, string Format, string Length, string Cost, string BookingUrl, string BookingEmail, string BookingPhone,
    string MandatoryTopic, string ArticleId)
{
    public static OfferForm Empty(string providerKind) => new(
        true, string.Empty, Guid.NewGuid().ToString("N"), string.Empty, string.Empty, string.Empty, string.Empty, providerKind, string.Empty,
        string.Empty, false, nameof(CourseFormat.Classroom), string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);

    public static OfferForm Of(CourseOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        return new(
            false, offer.Id, string.Empty, offer.Title, offer.Summary, string.Join(", ", offer.Topics), offer.Provider, offer.ProviderKind,
            string.Join(',', offer.OpenTo), string.Join(", ", offer.StaffGroups), offer.ForVolunteers, offer.Format.ToString(), offer.Length,
            offer.Cost ?? string.Empty, offer.Booking.Url ?? string.Empty, offer.Booking.Email ?? string.Empty, offer.Booking.Phone ?? string.Empty,
            offer.MandatoryTopic ?? string.Empty, offer.ArticleId ?? string.Empty);
    }

    public static OfferForm From(CardActionRequest action)
    {
        ArgumentNullException.ThrowIfNull(action);
        string Value(string name) => action.GetString(name)?.Trim() ?? string.Empty;
        return new(
            action.GetBool("isNew") ?? string.Equals(Value("isNew"), "true", StringComparison.OrdinalIgnoreCase), Value("offerId").ToLowerInvariant(),
            Value("formId"), Value("title"), Value("summary"), Value("topics"), Value("provider"), Value("providerKind"), Value("openTo"),
            Value("staffGroups"), action.GetBool("forVolunteers") ?? string.Equals(Value("forVolunteers"), "true", StringComparison.OrdinalIgnoreCase),
            Value("format"), Value("length"), Value("cost"), Value("bookingUrl"), Value("bookingEmail"), Value("bookingPhone"), Value("mandatoryTopic"),
            Value("articleId"));
    }

    /// <summary>
    /// The offer the form describes (not yet scrubbed); <paramref name="current"/> keeps whether it is retired. Saved in
    /// Teams, a sample offer becomes the organisation's own and is no longer marked as sample.
    /// </summary>
    public CourseOffer ToOffer(CourseOffer? current) => new(
        OfferId, Title, Summary, Items(Topics), Provider, ProviderKind, Items(OpenTo), Items(StaffGroups), ForVolunteers,
        Enum.TryParse<CourseFormat>(Format, out var format) ? format : CourseFormat.Classroom, Length, OrNull(Cost),
        new BookingRoute(OrNull(BookingUrl), OrNull(BookingEmail), OrNull(BookingPhone)), OrNull(ArticleId), OrNull(MandatoryTopic),
        IsSample: false, current?.IsRetired ?? false);

    /// <summary>The items of a comma-separated list, trimmed, each once.</summary>
    public static IReadOnlyList<string> Items(string text) =>
        [.. text.Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static string? OrNull(string text) => text.Length == 0 ? null : text;
}
