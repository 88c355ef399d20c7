using System.Globalization;
using System.Text.Json.Nodes;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Leads;
using LearningBot.LearningDirectory.Catalogue;
using LearningBot.People;

namespace LearningBot.LearningDirectory.Editing;

/// <summary>The directory's editing cards, filled from stored offers and sessions. Typed text goes through <see cref="CardText.Literal"/>.</summary>
public sealed class DirectoryCards(CardCatalog catalog)
{
    private static readonly IReadOnlyList<DirectoryChoice> AllKinds = [.. LeadOrganisationKinds.All.Select(k => new DirectoryChoice(k.Label, k.Value))];

    private static readonly IReadOnlyList<DirectoryChoice> FormatChoices =
    [
        new("In a classroom", nameof(CourseFormat.Classroom)),
        new("Online, live", nameof(CourseFormat.Online)),
        new("Blended (online and in person)", nameof(CourseFormat.Blended)),
        new("E-learning, at your own pace", nameof(CourseFormat.ELearning)),
        new("Learning set or programme", nameof(CourseFormat.LearningSet)),
        new("Shadowing, coaching or mentoring", nameof(CourseFormat.Shadowing)),
    ];

    private static readonly IReadOnlyList<DirectoryChoice> MandatoryChoices = [.. MandatoryTopics.All.Select(t => new DirectoryChoice(t.Label, t.Id))];

    /// <summary>One page of the offers (retired ones left out), with <paramref name="notice"/> on top.</summary>
    public JsonObject Offers(IReadOnlyList<StoredOffer> offers, EditableKinds kinds, int page, int pageSize, DateTimeOffset now, string notice = "")
    {
        var current = offers.Where(o => !o.Offer.IsRetired)
            .OrderBy(o => LeadOrganisationKinds.OrderOf(o.Offer.ProviderKind))
            .ThenBy(o => o.Offer.Title, StringComparer.InvariantCultureIgnoreCase)
            .ToList();
        var pages = Math.Max(1, (current.Count + pageSize - 1) / pageSize);
        page = Math.Clamp(page, 1, pages);
        var shown = current.Skip((page - 1) * pageSize).Take(pageSize).Select(o => Item(o, now)).ToList();
        var heading = kinds.Kinds.Count == 1 ? $"{LeadOrganisationKinds.LabelOf(kinds.Kinds[0])} offers you can edit" : "Offers you can edit";
        var pageText = current.Count == 0
            ? "There are no offers yet. Press Add an offer to start."
            : $"Offers {(page - 1) * pageSize + 1} to {(page - 1) * pageSize + shown.Count} of {current.Count}, page {page} of {pages}.";
        var retired = offers.Count - current.Count;
        if (retired > 0)
        {
            pageText += retired == 1 ? " 1 retired offer is kept for history." : $" {retired} retired offers are kept for history.";
        }

        return catalog.Render(new DirectoryOffersCardData(heading, notice, pageText, shown, page > 1, page < pages, page - 1, page + 1));
    }

    public JsonObject OfferForm(OfferForm form, EditableKinds kinds, string removed = "") => catalog.Render(new DirectoryOfferEditCardData(
        form.IsNew ? "Add an offer" : $"Change {CardText.Literal(form.Title)}", form.IsNew, removed, form.OfferId, form.FormId, form.Title, form.Summary,
        form.Topics, form.Provider, form.ProviderKind, form.OpenTo, form.StaffGroups, form.ForVolunteers ? "true" : "false", form.Format, form.Length,
        form.Cost, form.BookingUrl, form.BookingEmail, form.BookingPhone, form.MandatoryTopic, form.ArticleId,
        [.. AllKinds.Where(k => kinds.Includes(k.Value))], AllKinds, FormatChoices, MandatoryChoices));

    /// <summary>The offer's sessions still to come, cancelled ones marked.</summary>
    public JsonObject Sessions(StoredOffer offer, DateTimeOffset now, string notice = "")
    {
        var upcoming = offer.Sessions.Where(s => s.Starts > now).OrderBy(s => s.Starts).ToList();
        var live = upcoming.Count(s => !s.IsCancelled);
        var summary = live switch
        {
            0 => "No upcoming sessions: people asking are told so.",
            1 => "1 upcoming session.",
            _ => $"{live} upcoming sessions.",
        } + " Past sessions drop off by themselves.";
        var items = upcoming.Select(s => new DirectorySessionItem(
            When(s.ToSession()) + (s.IsCancelled ? " (cancelled)" : string.Empty), Where(s.ToSession()),
            s.IsCancelled ? "Cancelled: people asking are not offered it" : Places(s.PlacesLeft), s.IsCancelled, s.SessionId, s.OfferId)).ToList();
        return catalog.Render(new DirectorySessionsCardData(CardText.Literal(offer.Offer.ToOffer().Title), offer.Offer.OfferId, notice, summary, items));
    }

    /// <param name="dates">The days the session may be on (<see cref="SessionRules.Dates"/>), shown as the date's limits.</param>
    public JsonObject SessionForm(SessionForm form, string offerTitle, DateBounds dates, string removed = "") => catalog.Render(new DirectorySessionEditCardData(
        form.IsNew ? $"Add a session of {CardText.Literal(offerTitle)}" : $"Change a session of {CardText.Literal(offerTitle)}", removed, form.OfferId,
        form.SessionId, form.FormId, form.Date, form.Starts, form.Ends, form.Place, form.JoiningRoute, form.PlacesLeft)
    {
        EarliestDate = dates.Min,
        LatestDate = dates.Max,
        DateProblem = SessionRules.DateProblem(dates),
    });

    public JsonObject ConfirmRetire(CourseOffer offer) => catalog.Render(new DirectoryConfirmCardData(
        $"Retire {CardText.Literal(offer.Title)}?",
        "People asking where to book will no longer see it or its sessions. It is kept, marked retired, so you can see what was offered.",
        "Retire", DirectoryVerbs.ConfirmRetireOffer, "Keep it", DirectoryVerbs.EditOffer, offer.Id, string.Empty));

    public JsonObject ConfirmCancel(CourseOffer offer, CourseSession session) => catalog.Render(new DirectoryConfirmCardData(
        $"Cancel the session on {When(session)}?",
        $"People asking about {CardText.Literal(offer.Title)} will no longer be offered it. Tell anyone already booked yourself: the bot does not hold bookings.",
        "Cancel the session", DirectoryVerbs.ConfirmCancelSession, "Keep it", DirectoryVerbs.Sessions, offer.Id, session.Id));

    public JsonObject ImportResult(string headline, string intro, IReadOnlyList<DirectoryImportFact> facts, IReadOnlyList<string> problems) =>
        catalog.Render(new DirectoryImportResultCardData(
            headline, intro, facts, [.. problems.Select(p => new DirectoryImportProblem(CardText.Literal(p)))],
            "The columns are described in learning-directory/README.md."));

    /// <summary>"Tuesday 10 March 2026, 13:30 to 15:30", in UK time.</summary>
    public static string When(CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var starts = UkTime.Local(session.Starts);
        var ends = UkTime.Local(session.Ends);
        var culture = CultureInfo.InvariantCulture; // English day and month names; the bot runs in invariant globalisation mode
        return $"{starts.ToString("dddd d MMMM yyyy, HH:mm", culture)} to {ends.ToString("HH:mm", culture)}";
    }

    private static string Where(CourseSession session) => (session.Place, session.JoiningRoute) switch
    {
        ({ } place, { } joining) => $"{CardText.Literal(place)}, or online: {CardText.Literal(joining)}",
        ({ } place, null) => CardText.Literal(place),
        (null, { } joining) => $"Online: {CardText.Literal(joining)}",
        _ => "Place to be confirmed",
    };

    private static string Places(int? left) => left switch
    {
        null => "Places: ask when you book",
        0 => "Full: no places left",
        1 => "1 place left",
        _ => $"{left} places left",
    };

    private static DirectoryOfferItem Item(StoredOffer stored, DateTimeOffset now)
    {
        var offer = stored.Offer.ToOffer();
        var next = stored.Sessions.Where(s => !s.IsCancelled && s.Starts > now).OrderBy(s => s.Starts).FirstOrDefault()?.ToSession();
        return new DirectoryOfferItem(
            CardText.Literal(offer.Title), CardText.Literal(offer.Provider), LeadOrganisationKinds.LabelOf(offer.ProviderKind),
            next is null ? "No upcoming sessions" : $"Next session: {When(next)}, {Where(next)}", offer.IsSample ? "Sample offer" : string.Empty, offer.Id);
    }

    internal static bool IsKnownKind(string kind) => OrganisationKinds.IsKnown(kind);
}
