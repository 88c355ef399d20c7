using System.Globalization;
using LearningBot.Calendar;
using LearningBot.People;

namespace LearningBot.LearningDirectory.Finding;

/// <summary>An offer's details in the words the cards show, with dates and times in UK time.</summary>
public static class CourseWording
{
    /// <summary>The bot runs with invariant globalisation; its day and month names are English.</summary>
    private static readonly CultureInfo British = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, string> KindNames = new(StringComparer.Ordinal)
    {
        [OrganisationKinds.AcuteTrust] = "hospital trusts",
        [OrganisationKinds.MentalHealthTrust] = "mental health trusts",
        [OrganisationKinds.AmbulanceTrust] = "the ambulance trust",
        [OrganisationKinds.PrimaryCare] = "primary care",
        [OrganisationKinds.Council] = "the city council",
        [OrganisationKinds.VoluntarySector] = "voluntary organisations",
        [OrganisationKinds.IndependentSector] = "independent care providers",
    };

    public static string Format(CourseFormat format) => format switch
    {
        CourseFormat.Classroom => "Classroom",
        CourseFormat.Online => "Online, live",
        CourseFormat.Blended => "Blended (online and classroom)",
        CourseFormat.ELearning => "E-learning, at your own pace",
        CourseFormat.LearningSet => "Learning set",
        CourseFormat.Shadowing => "Shadowing",
        _ => format.ToString(),
    };

    /// <summary>"Tuesday 12 January, 9:30am to 4:30pm" (both days written out when it runs over more than one).</summary>
    public static string When(CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var starts = UkTime.Local(session.Starts);
        var ends = UkTime.Local(session.Ends);
        return starts.Date == ends.Date
            ? $"{Day(starts)}, {Time(starts)} to {Time(ends)}"
            : $"{Day(starts)}, {Time(starts)} to {Day(ends)}, {Time(ends)}";
    }

    /// <summary>Where (or how to join) and how many places are left, when known.</summary>
    public static string Where(CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var where = session.Place ?? session.JoiningRoute ?? "Joining details sent on booking";
        return session.PlacesLeft switch
        {
            null => where,
            0 => $"{where}. Full: ask to join the waiting list",
            1 => $"{where}. 1 place left",
            var left => $"{where}. {left} places left",
        };
    }

    public static string WhoFor(CourseOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var organisations = offer.OpenTo.Count == 0
            ? "Open to everyone in our community"
            : $"Open to staff of {List(offer.OpenTo.Select(k => KindNames.GetValueOrDefault(k, k)))}";
        var groups = offer.StaffGroups.Count > 0 ? $". For {List(offer.StaffGroups.Select(LowerFirst))}" : string.Empty;
        var volunteers = offer.ForVolunteers ? ". Volunteers welcome" : string.Empty;
        return $"{organisations}{groups}{volunteers}.";
    }

    /// <summary>A kind of organisation in words ("the city council", "hospital trusts").</summary>
    public static string KindName(string kind) => KindNames.GetValueOrDefault(kind, kind);

    /// <summary>"a, b and c".</summary>
    public static string ListOf(IEnumerable<string> items) => List(items);

    public static string Cost(CourseOffer offer) => offer?.Cost ?? "Free to our community";

    /// <summary>The booking route as a button: a web page, else an email, else a phone number.</summary>
    public static (string Title, string Url)? BookButton(BookingRoute route)
    {
        ArgumentNullException.ThrowIfNull(route);
        return route switch
        {
            { Url: { Length: > 0 } url } => ("Book", url),
            { Email: { Length: > 0 } email } => ("Book by email", $"mailto:{email}"),
            { Phone: { Length: > 0 } phone } => ("Book by phone", $"tel:{new string([.. phone.Where(c => char.IsDigit(c) || c == '+')])}"),
            _ => null,
        };
    }

    /// <summary>Every way to book, in words, for people whose Teams cannot open the button.</summary>
    public static string HowToBook(CourseOffer offer)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var routes = new[] { offer.Booking.Url, offer.Booking.Email, offer.Booking.Phone }.OfType<string>().Where(r => r.Length > 0);
        return $"Book with {offer.Provider}: {string.Join(" or ", routes)}.";
    }

    private static string Day(DateTimeOffset when) => when.ToString("dddd d MMMM", British);

    private static string Time(DateTimeOffset when) =>
        (when.Minute == 0 ? when.ToString("%h", British) : when.ToString("h:mm", British)) + (when.Hour < 12 ? "am" : "pm");

    private static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count <= 1 ? string.Concat(all) : $"{string.Join(", ", all[..^1])} and {all[^1]}";
    }

    private static string LowerFirst(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;
}
