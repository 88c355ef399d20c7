using System.Text.Json.Nodes;
using LearningBot.Cards;
using LearningBot.LearningDirectory.Finding;
using LearningBot.People;

namespace LearningBot.LearningDirectory.Mandatory;

/// <summary>
/// The statutory and mandatory training cards: every topic with its refresher period, and one topic with how each kind
/// of organisation delivers it (the directory's offers of that <see cref="CourseOffer.MandatoryTopic"/>, grouped by
/// the provider's kind), their next sessions and how to book.
/// </summary>
public sealed class MandatoryTopicCards(MandatoryTopicGuide guide, ICourseCatalogue catalogue, CardCatalog cards)
{
    public const string PassportArticleId = "training-passports";
    public const string MandatoryArticleId = "mandatory-statutory-training";

    /// <summary>Offers shown for one kind of organisation, and sessions for one offer, so the card reads on a phone.</summary>
    private const int OffersPerKind = 2;
    private const int SessionsPerOffer = 2;

    private const string NotOurs =
        "This is not a Core Skills Training Framework subject, so each employer decides whether to recognise it. Keep your certificate and show it to your new L&D team before you start.";

    public JsonObject List(string note = "") => cards.Render(new MandatoryTopicsCardData(
        note,
        [.. guide.Topics.Select(t => new OfferFact(t.Label, t.Refresher))],
        [.. guide.Topics.Select(t => new TopicChoice(t.Label, t.Id))]));

    /// <param name="organisationKind">The asker's kind of organisation: they get a Book button only for offers open to them.</param>
    public async Task<(JsonObject Card, IReadOnlyList<string> OfferIds)> TopicAsync(
        MandatoryTopic topic, bool aboutMoving, string? organisationKind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var listings = (await catalogue.CurrentAsync(cancellationToken))
            .Where(l => l.Offer.MandatoryTopic == topic.Id)
            .OrderBy(l => l.UpcomingSessions.Count > 0 ? l.UpcomingSessions[0].Starts : DateTimeOffset.MaxValue)
            .ToList();
        var kinds = OrganisationKinds.All
            .Select(kind => (Kind: kind, Offers: listings.Where(l => l.Offer.ProviderKind == kind).Take(OffersPerKind).ToList()))
            .ToList();
        var missing = kinds.Where(k => k.Offers.Count == 0).Select(k => CourseWording.KindName(k.Kind)).ToList();
        var card = cards.Render(new MandatoryTopicCardData(
            topic.Id,
            topic.Label,
            [new("How often", topic.Refresher), new("Who needs it", topic.WhoNeedsIt)],
            topic.IsConfirmed ? string.Empty : "The L&D team is still confirming this refresher period. The list your manager or L&D lead holds for your role is the one that counts.",
            topic.IsCstf ? guide.Passport : NotOurs,
            aboutMoving,
            [.. kinds.Where(k => k.Offers.Count > 0).Select(k => new KindDelivery(
                $"Run by {CourseWording.KindName(k.Kind)}", [.. k.Offers.Select(l => Item(l, organisationKind))]))],
            missing.Count == 0 ? string.Empty : $"Not in the directory yet from {CourseWording.ListOf(missing)}: ask your L&D lead how your organisation runs it."));
        return (card, [.. kinds.SelectMany(k => k.Offers).Select(l => l.Offer.Id)]);
    }

    private static MandatoryOfferItem Item(CourseListing listing, string? organisationKind)
    {
        var offer = listing.Offer;
        var book = offer.IsOpenTo(organisationKind) ? CourseWording.BookButton(offer.Booking) : null;
        return new MandatoryOfferItem(
            offer.Title,
            offer.IsSample,
            $"{offer.Provider}. {CourseWording.Format(offer.Format)}, {offer.Length.TrimEnd('.')}. {CourseWording.Cost(offer).TrimEnd('.')}.",
            CourseWording.WhoFor(offer),
            [.. listing.UpcomingSessions.Take(SessionsPerOffer).Select(s => new SessionLine(CourseWording.When(s), CourseWording.Where(s)))],
            listing.UpcomingSessions.Count > 0 || offer.Format == CourseFormat.ELearning
                ? string.Empty
                : $"No dates are set at the moment. Ask {offer.Provider} when the next one will be.",
            CourseWording.HowToBook(offer),
            book?.Title ?? string.Empty,
            book?.Url ?? string.Empty);
    }
}
