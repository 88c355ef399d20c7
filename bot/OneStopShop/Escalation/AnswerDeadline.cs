using System.Globalization;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// When an escalated question is promised an answer: the same time of day, a number of working days later
/// (Saturdays, Sundays and configured bank holidays do not count). A question asked on a non-working day
/// starts its clock at 09:00 on the next working day. Times are shown in the hub's time zone.
/// </summary>
public sealed class AnswerDeadline(IOptions<EscalationOptions> options)
{
    private static readonly TimeOnly StartOfDay = new(9, 0);

    private readonly EscalationOptions _options = options.Value;
    private readonly HashSet<DateOnly> _holidays = [.. options.Value.BankHolidays];
    private readonly TimeZoneInfo _zone = FindZone(options.Value.TimeZone);

    public int WorkingDays => _options.AnswerWithinWorkingDays;

    public DateTimeOffset PromiseFor(DateTimeOffset askedAt)
    {
        var local = TimeZoneInfo.ConvertTime(askedAt, _zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(day))
        {
            day = NextWorkingDay(day);
            time = StartOfDay;
        }

        for (var i = 0; i < _options.AnswerWithinWorkingDays; i++)
        {
            day = NextWorkingDay(day);
        }

        var promised = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(promised))
        {
            promised = promised.AddHours(1); // the clocks went forward over this time
        }

        return new DateTimeOffset(promised, _zone.GetUtcOffset(promised));
    }

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(day);

    /// <summary>For people: "Tuesday 24 November at 14:30", in the hub's time zone.</summary>
    public string Describe(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, _zone).ToString("dddd d MMMM 'at' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"2 working days", for the ask card.</summary>
    public string DescribePromise() =>
        _options.AnswerWithinWorkingDays == 1 ? "1 working day" : $"{_options.AnswerWithinWorkingDays} working days";

    public DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, _zone).DateTime);

    private DateOnly NextWorkingDay(DateOnly day)
    {
        do
        {
            day = day.AddDays(1);
        }
        while (!IsWorkingDay(day));

        return day;
    }

    private static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
