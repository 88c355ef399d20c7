namespace LearningBot.Calendar;

/// <summary>
/// The hub's clock: every day a person sees or enters ("today", a date input's bounds, "due for review") is the UK day,
/// not the UTC day, which is a day behind between midnight and 1am in British Summer Time. Sessions are typed, imported
/// and shown in UK local time and stored as instants.
/// </summary>
public static class UkTime
{
    public static readonly TimeZoneInfo Zone =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The instant a UK wall-clock date and time stand for (the later reading in the autumn's repeated hour).</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            local = local.AddHours(1); // the hour the clocks skip in spring
        }

        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Today(clock.GetUtcNow());
    }

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Local(now).DateTime);
}
