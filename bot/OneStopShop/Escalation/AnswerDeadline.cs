using System.Globalization;
using HubCalendar = LearningBot.Calendar.WorkingDays;
using Microsoft.Extensions.Options;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>
/// When an escalated question is promised an answer: the same time of day, a number of working days later
/// (Saturdays, Sundays and configured bank holidays do not count). A question asked on a non-working day
/// starts its clock at 09:00 on the next working day. Times are shown in the hub's time zone.
/// </summary>
public sealed class AnswerDeadline(IOptions<EscalationOptions> options)
{
    private readonly EscalationOptions _options = options.Value;
    private readonly TimeZoneInfo _zone = HubCalendar.FindZone(options.Value.TimeZone);
    private readonly HubCalendar _days = new(options.Value.BankHolidays, HubCalendar.FindZone(options.Value.TimeZone));

    public int WorkingDays => _options.AnswerWithinWorkingDays;

    /// <summary>The hub's working days, as escalation counts them (bank holidays and time zone from its options).</summary>
    public HubCalendar Calendar => _days;

    public DateTimeOffset PromiseFor(DateTimeOffset askedAt) => _days.After(askedAt, _options.AnswerWithinWorkingDays);

    public bool IsWorkingDay(DateOnly day) => _days.IsWorkingDay(day);

    /// <summary>For people: "Tuesday 24 November at 14:30", in the hub's time zone.</summary>
    public string Describe(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, _zone).ToString("dddd d MMMM 'at' HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// For the asker: "the end of Tuesday 24 November". The team works to the minute (<see cref="Describe"/>); the asker is
    /// promised the day, which reads as a promise rather than a timer.
    /// </summary>
    public string DescribeDay(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, _zone).ToString("'the end of' dddd d MMMM", CultureInfo.InvariantCulture);

    /// <summary>"2 working days", for the ask card.</summary>
    public string DescribePromise() =>
        _options.AnswerWithinWorkingDays == 1 ? "1 working day" : $"{_options.AnswerWithinWorkingDays} working days";

    public DateOnly Today(DateTimeOffset now) => _days.Today(now);
}
