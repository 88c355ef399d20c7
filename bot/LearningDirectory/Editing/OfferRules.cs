using System.Text.RegularExpressions;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Leads;
using LearningBot.People;

namespace LearningBot.LearningDirectory.Editing;

/// <summary>A problem with an offer or a session, named by the form field (or CSV column) it is about.</summary>
public sealed record DirectoryProblem(string Field, string Kind, string Message);

/// <summary>What an offer must say before it is stored, whether it came from the form or from a CSV row.</summary>
public static partial class OfferRules
{
    public const int MaxTitle = 120;
    public const int MaxSummary = 600;
    public const int MaxList = 300;
    public const int MaxLength = 60;
    public const int MaxCost = 80;

    public static IReadOnlyList<DirectoryProblem> Problems(CourseOffer offer, EditableKinds kinds, bool isNew)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(kinds);
        var problems = new List<DirectoryProblem>();
        void Check(bool wrong, string field, string message)
        {
            if (wrong)
            {
                problems.Add(new DirectoryProblem(field, "invalid", message));
            }
        }

        Check(isNew && !IsCode(offer.Id), "offerId", "Please give an offer code of lower-case letters and numbers joined by hyphens (up to 60 characters), such as cgh-bls-adult.");
        Check(string.IsNullOrWhiteSpace(offer.Title) || offer.Title.Length > MaxTitle, "title", $"Please give a title of up to {MaxTitle} characters.");
        Check(string.IsNullOrWhiteSpace(offer.Summary) || offer.Summary.Length > MaxSummary, "summary", $"Please say what the course is in up to {MaxSummary} characters.");
        Check(offer.Topics.Count == 0 || string.Join(", ", offer.Topics).Length > MaxList, "topics", $"Please give at least one topic (up to {MaxList} characters in all).");
        Check(string.IsNullOrWhiteSpace(offer.Provider) || offer.Provider.Length > MaxTitle, "provider", $"Please give the organisation that runs it (up to {MaxTitle} characters).");
        if (!OrganisationKinds.IsKnown(offer.ProviderKind))
        {
            Check(true, "providerKind", $"The kind of organisation must be one of {string.Join(", ", OrganisationKinds.All)}.");
        }
        else
        {
            Check(!kinds.Includes(offer.ProviderKind), "providerKind",
                $"You can only add and change offers of {string.Join(", ", kinds.Kinds.Select(LeadOrganisationKinds.LabelOf))} organisations, not {LeadOrganisationKinds.LabelOf(offer.ProviderKind)}.");
        }

        Check(offer.OpenTo.Any(kind => !OrganisationKinds.IsKnown(kind)), "openTo", $"Who may book must be kinds of organisation from {string.Join(", ", OrganisationKinds.All)}, or empty for everyone.");
        Check(offer.StaffGroups.Count == 0 || string.Join(", ", offer.StaffGroups).Length > MaxList, "staffGroups", $"Please say who it is for (up to {MaxList} characters).");
        Check(string.IsNullOrWhiteSpace(offer.Length) || offer.Length.Length > MaxLength, "length", $"Please say how long it takes (up to {MaxLength} characters).");
        Check(offer.Cost?.Length > MaxCost, "cost", $"Please keep the cost to {MaxCost} characters.");
        Check(offer.Booking.IsEmpty, "bookingUrl", "Please give at least one way to book: a web page, an email address or a phone number.");
        Check(offer.Booking.Url is { } url && !IsWebPage(url), "bookingUrl", "Please give the booking web page as a full address starting https://");
        Check(offer.Booking.Email is { } email && !EmailPattern().IsMatch(email), "bookingEmail", "The booking email address does not look like one, such as training@example.org.");
        Check(offer.Booking.Phone is { } phone && !PhonePattern().IsMatch(phone), "bookingPhone", "Please give the booking phone number in digits and spaces, such as 01632 960100.");
        Check(offer.MandatoryTopic is not null && !MandatoryTopics.IsKnown(offer.MandatoryTopic), "mandatoryTopic",
            $"The mandatory topic must be one of {string.Join(", ", MandatoryTopics.All.Select(t => t.Id))}, or empty.");
        Check(offer.ArticleId is not null && !IsCode(offer.ArticleId), "articleId", "The knowledge article must be given by its id, lower-case words joined by hyphens.");
        return problems;
    }

    public static bool IsCode(string? text) => text is { Length: > 0 and <= MaxLength } && CodePattern().IsMatch(text);

    private static bool IsWebPage(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !url.Contains(' ', StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^[0-9+() ]{6,30}$")]
    private static partial Regex PhonePattern();
}

/// <summary>What a session must say before it is stored, whether it came from the form or from a CSV row.</summary>
public static class SessionRules
{
    public const int MaxPlace = 150;
    public const int MaxJoiningRoute = 300;

    /// <summary>How far ahead a session may be: courses are planned a year or two ahead, not further than 3.</summary>
    public const int MonthsAhead = 36;

    /// <summary>How far back a session already held may be corrected (a new one must be still to come).</summary>
    public const int MonthsBack = 12;

    /// <summary>
    /// The days a session from the form may be on: from today (UK) for a new one, from a year ago for one being changed;
    /// up to 3 years ahead either way.
    /// </summary>
    public static DateBounds Dates(DateOnly ukToday, bool isNew) =>
        new(isNew ? ukToday : ukToday.AddMonths(-MonthsBack), ukToday.AddMonths(MonthsAhead));

    /// <summary>How far back a session in an imported file may be: a training system's export holds its history too.</summary>
    public const int ImportYearsBack = 10;

    /// <summary>The days a session in an imported file may be on: from 10 years back (past ones are kept, not shown) to 3 years ahead.</summary>
    public static DateBounds ImportDates(DateOnly ukToday) => new(ukToday.AddYears(-ImportYearsBack), ukToday.AddMonths(MonthsAhead));

    public static string DateProblem(DateBounds dates) => $"Please give the date of the session, {dates.InWords}.";

    /// <summary>The problems with a session read from the form (<paramref name="session"/> null when its date or times could not be read).</summary>
    public static IReadOnlyList<DirectoryProblem> Problems(SessionForm form, CourseSession? session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(form);
        var dates = Dates(UkTime.Today(now), form.IsNew);
        if (DateBounds.Parse(form.Date) is { } day && !dates.Contains(day))
        {
            return [new DirectoryProblem("date", "out of range", DateProblem(dates))];
        }

        if (session is null)
        {
            return [new DirectoryProblem("date", "invalid", "Please give the date and the start and end times, such as 10 March 2026, 09:30 and 12:30.")];
        }

        var problems = Problems(session, now, mustBeUpcoming: form.IsNew).ToList();
        if (form.PlacesLeft.Length > 0 && session.PlacesLeft is null)
        {
            problems.Add(new DirectoryProblem("placesLeft", "invalid", "Please give places left as a whole number, or leave it empty."));
        }

        return problems;
    }

    public static IReadOnlyList<DirectoryProblem> Problems(CourseSession session, DateTimeOffset now, bool mustBeUpcoming)
    {
        ArgumentNullException.ThrowIfNull(session);
        var problems = new List<DirectoryProblem>();
        if (session.Ends <= session.Starts)
        {
            problems.Add(new DirectoryProblem("ends", "invalid", "Please give an end time after the start time."));
        }

        if (mustBeUpcoming && session.Starts <= now)
        {
            problems.Add(new DirectoryProblem("date", "invalid", "That date and time have passed: give a session still to come."));
        }

        if (session.Place is null && session.JoiningRoute is null)
        {
            problems.Add(new DirectoryProblem("place", "invalid", "Please give a place, or how people join online."));
        }

        if (session.Place?.Length > MaxPlace)
        {
            problems.Add(new DirectoryProblem("place", "invalid", $"Please keep the place to {MaxPlace} characters."));
        }

        if (session.JoiningRoute?.Length > MaxJoiningRoute)
        {
            problems.Add(new DirectoryProblem("joiningRoute", "invalid", $"Please keep how people join to {MaxJoiningRoute} characters."));
        }

        if (session.PlacesLeft is < 0 or > 999)
        {
            problems.Add(new DirectoryProblem("placesLeft", "invalid", "Please give places left as a number from 0 to 999."));
        }

        return problems;
    }
}
