using System.ComponentModel.DataAnnotations;

namespace LearningBot.OneStopShop.Escalation;

/// <summary>How questions escalated to the L&amp;D team are promised and chased (section <c>LearningHub:Escalation</c>).</summary>
public sealed record EscalationOptions : IValidatableObject
{
    public const string Section = "LearningHub:Escalation";

    /// <summary>The answer is promised this many working days (Monday to Friday, not bank holidays) after the question.</summary>
    public int AnswerWithinWorkingDays { get; init; } = 2;

    /// <summary>Bank holidays that are not working days, as yyyy-MM-dd.</summary>
    public IReadOnlyList<DateOnly> BankHolidays { get; init; } = [];

    /// <summary>The time zone working days and promised times are counted in (IANA id).</summary>
    public string TimeZone { get; init; } = "Europe/London";

    /// <summary>How often tickets past their promised time are looked for; zero turns the check off.</summary>
    public TimeSpan OverdueCheckInterval { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Whether members of the team that owns the expert channel may act on tickets.</summary>
    public bool ExpertChannelTeamCounts { get; init; } = true;

    /// <summary>How long a team membership answer from Teams is remembered.</summary>
    public TimeSpan MembershipCacheDuration { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an instance uses the expert channel it read before reading it again: the longest that a channel chosen
    /// on one instance goes unseen by the others (the instance that chose it uses it at once). Zero reads it every time.
    /// </summary>
    public TimeSpan ExpertChannelCacheDuration { get; init; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AnswerWithinWorkingDays is < 1 or > 30)
        {
            yield return new($"{Section}:{nameof(AnswerWithinWorkingDays)} must be between 1 and 30.", [nameof(AnswerWithinWorkingDays)]);
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? string.Empty, out _))
        {
            yield return new($"{Section}:{nameof(TimeZone)} must be a time zone id such as Europe/London.", [nameof(TimeZone)]);
        }

        if (OverdueCheckInterval != TimeSpan.Zero && OverdueCheckInterval < TimeSpan.FromMinutes(1))
        {
            yield return new($"{Section}:{nameof(OverdueCheckInterval)} must be at least a minute, or 00:00:00 to turn the check off.", [nameof(OverdueCheckInterval)]);
        }

        if (MembershipCacheDuration < TimeSpan.Zero)
        {
            yield return new($"{Section}:{nameof(MembershipCacheDuration)} must not be negative.", [nameof(MembershipCacheDuration)]);
        }

        if (ExpertChannelCacheDuration < TimeSpan.Zero || ExpertChannelCacheDuration > TimeSpan.FromMinutes(5))
        {
            yield return new($"{Section}:{nameof(ExpertChannelCacheDuration)} must be between 00:00:00 and 00:05:00.", [nameof(ExpertChannelCacheDuration)]);
        }
    }
}
