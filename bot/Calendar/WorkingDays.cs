using System.Globalization;

namespace LearningBot.Calendar;

/// <summary>
/// The hub's working days: Monday to Friday, except configured bank holidays, counted in the hub's time zone. A moment
/// on a non-working day starts its count at 09:00 on the next working day; a count ends at the same time of day.
/// </summary>
public sealed class WorkingDays(IEnumerable<DateOnly> bankHolidays, TimeZoneInfo zone)
{
    public static readonly TimeOnly StartOfDay = new(9, 0);

    private readonly HashSet<DateOnly> _holidays = [.. bankHolidays];

    public TimeZoneInfo Zone => zone;

    /// <summary>The same time of day <paramref name="days"/> working days after <paramref name="from"/>.</summary>
    public DateTimeOffset After(DateTimeOffset from, int days)
    {
        var local = TimeZoneInfo.ConvertTime(from, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(day))
        {
            day = NextWorkingDay(day);
            time = StartOfDay;
        }

        for (var i = 0; i < days; i++)
        {
            day = NextWorkingDay(day);
        }

        return At(day, time);
    }

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    /// <summary>A local day and time in the hub's time zone as a moment.</summary>
    public DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1); // the clocks went forward over this time
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>
    /// The latest weekly moment (a day of the week and a local time) at or before <paramref name="now"/>, and its key:
    /// the moment in UTC to the minute, the same on every instance, so a weekly job can mark its week done.
    /// </summary>
    public (DateTimeOffset Moment, string Key) LatestWeekly(DateTimeOffset now, DayOfWeek dayOfWeek, TimeOnly time)
    {
        var day = Today(now);
        while (day.DayOfWeek != dayOfWeek)
        {
            day = day.AddDays(-1);
        }

        var moment = At(day, time);
        if (moment > now)
        {
            moment = At(day.AddDays(-7), time);
        }

        return (moment, moment.UtcDateTime.ToString("yyyy-MM-ddTHHmm", CultureInfo.InvariantCulture));
    }

    public static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private DateOnly NextWorkingDay(DateOnly day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (!IsWorkingDay(day));

        return day;
    }
}
