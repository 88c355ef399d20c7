using System.Globalization;
using LearningBot.Calendar;
using LearningBot.Cards;
using LearningBot.Connector.Hosting;

namespace LearningBot.LearningDirectory.Editing;

/// <summary>
/// What the session form holds or sent back, in UK local time. A new session has no <see cref="SessionId"/> and is
/// given one made from its <see cref="FormId"/>, so Save pressed twice adds it once.
/// </summary>
public sealed record SessionForm(
    string OfferId, string SessionId, string FormId, string Date, string Starts, string Ends, string Place, string JoiningRoute, string PlacesLeft)
{
    public bool IsNew => SessionId.Length == 0;

    public static SessionForm Empty(string offerId) =>
        new(offerId, string.Empty, Guid.NewGuid().ToString("N"), string.Empty, "09:30", "12:30", string.Empty, string.Empty, string.Empty);

    public static SessionForm Of(CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var starts = UkTime.Local(session.Starts);
        var ends = UkTime.Local(session.Ends);
        return new(
            session.OfferId, session.Id, string.Empty, starts.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), starts.ToString("HH:mm", CultureInfo.InvariantCulture),
            ends.ToString("HH:mm", CultureInfo.InvariantCulture), session.Place ?? string.Empty, session.JoiningRoute ?? string.Empty,
            session.PlacesLeft?.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
    }

    public static SessionForm From(CardActionRequest action)
    {
        ArgumentNullException.ThrowIfNull(action);
        string Value(string name) => action.GetString(name)?.Trim() ?? string.Empty;
        return new(Value("offerId"), Value("sessionId"), Value("formId"), Value("date"), Value("starts"), Value("ends"), Value("place"),
            Value("joiningRoute"), action.GetInt("placesLeft")?.ToString(CultureInfo.InvariantCulture) ?? Value("placesLeft"));
    }

    /// <summary>
    /// The session the form describes, or null when its date or times cannot be read or the date is not one of
    /// <paramref name="dates"/> (a date such as year 1 is never turned into a moment).
    /// </summary>
    public CourseSession? ToSession(bool isCancelled, DateBounds dates)
    {
        if (DateBounds.Parse(Date) is not { } date || !dates.Contains(date) || !TryTime(Starts, out var starts) || !TryTime(Ends, out var ends))
        {
            return null;
        }

        var id = IsNew ? "s-" + FormId[..Math.Min(12, FormId.Length)] : SessionId;
        return new CourseSession(OfferId, id, UkTime.At(date, starts), UkTime.At(date, ends), Place.Length == 0 ? null : Place,
            JoiningRoute.Length == 0 ? null : JoiningRoute, int.TryParse(PlacesLeft, CultureInfo.InvariantCulture, out var left) ? left : null, isCancelled);
    }

    internal static bool TryTime(string text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
}
